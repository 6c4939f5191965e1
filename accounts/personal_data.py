"""The personal data accounts holds: the person, their roles, their invitations and the
browsers they sign in with."""

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
    # Browsers the person signed in with: erased accounts never sign in again.
    Holds("accounts.KnownBrowser", by={"user": {}}, delete=True, secret=("browser_hash",)),
)
