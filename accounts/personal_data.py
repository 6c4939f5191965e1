"""The personal data accounts holds: the person, their roles and their invitations."""

from core.personal_data import EMAIL, LABEL, Holds

_ROLE_DETAILS = {"organisation": "", "job_title": "", "profession": ""}

HOLDS = (
    Holds(
        "accounts.User",
        by={"pk": {"name": LABEL, "email": EMAIL}},
        secret=("password", "calendar_token"),
    ),
    Holds("accounts.Membership", by={"user": _ROLE_DETAILS}),
    Holds(
        "accounts.Invitation",
        by={"accepted_by": {"name": "", "email": EMAIL, **_ROLE_DETAILS}, "invited_by": {}},
        by_email={"email": {"name": "", "email": EMAIL, **_ROLE_DETAILS}},
        secret=("token_hash",),
    ),
)
