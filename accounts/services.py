"""Every write a person can cause on accounts, memberships and invitations."""

import secrets
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import (
    COHORT_ROLES,
    Cohort,
    Invitation,
    Membership,
    Programme,
    User,
    hash_token,
)
from accounts.roles import forget_roles
from core.changes import Places, record
from core.db import refused_on_conflict
from core.mail import enqueue


class InvitationError(Exception):
    """An invitation link that cannot be used, with a message for the person."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def is_member(*, email: str, programme: Programme, cohort: Cohort | None, role: str) -> bool:
    return Membership.objects.filter(
        user__email=normalise_email(email),
        programme=programme,
        cohort=cohort,
        role=role,
        is_active=True,
    ).exists()


def _new_invitation(
    *,
    invited_by: User,
    programme: Programme,
    email: str,
    role: str,
    cohort: Cohort | None = None,
    name: str = "",
    organisation: str = "",
    job_title: str = "",
    profession: str = "",
) -> tuple[Invitation, str]:
    """An unsaved invitation and its raw token."""
    if (role in COHORT_ROLES) != (cohort is not None):
        raise ValidationError("Fellows, facilitators and reviewers are invited to a cohort.")
    if cohort is not None and cohort.programme_id != programme.pk:
        raise ValidationError("That cohort is not part of this programme.")
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=normalise_email(email),
        name=name.strip(),
        programme=programme,
        cohort=cohort,
        role=role,
        organisation=organisation.strip(),
        job_title=job_title.strip(),
        profession=profession.strip(),
        token_hash=hash_token(token),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.PIONEER_INVITATION_DAYS),
    )
    return invitation, token


def invitation_create(
    *,
    invited_by: User,
    programme: Programme,
    email: str,
    role: str,
    cohort: Cohort | None = None,
    name: str = "",
    organisation: str = "",
    job_title: str = "",
    profession: str = "",
    send: bool = True,
) -> tuple[Invitation, str]:
    """Create an invitation and send it after commit. Returns it with its raw token."""
    invitation, token = _new_invitation(
        invited_by=invited_by,
        programme=programme,
        email=email,
        role=role,
        cohort=cohort,
        name=name,
        organisation=organisation,
        job_title=job_title,
        profession=profession,
    )
    invitation.full_clean()
    invitation.save()
    if send:
        enqueue("accounts.tasks.send_invitation", invitation.pk, token)
    return invitation, token


@transaction.atomic
def invitations_create(
    *, invited_by: User, programme: Programme, people: Sequence[Mapping[str, Any]]
) -> list[Invitation]:
    """Many invitations in one insert, each sent by its own task after commit. `people`
    holds the keyword arguments of `invitation_create` for each person. All or none."""
    made = [
        _new_invitation(invited_by=invited_by, programme=programme, **person) for person in people
    ]
    for invitation, _ in made:
        # The field checks of full_clean(), without a query per row: the programme,
        # cohort and inviter are the caller's own objects, and a token hash is unique.
        invitation.full_clean(
            exclude=["programme", "cohort", "invited_by"],
            validate_unique=False,
            validate_constraints=False,
        )
    Invitation.objects.bulk_create([invitation for invitation, _ in made])
    record(Places(programmes={programme.pk}))
    for invitation, token in made:
        enqueue("accounts.tasks.send_invitation", invitation.pk, token)
    return [invitation for invitation, _ in made]


def invitation_resend(*, invitation: Invitation) -> str:
    """A fresh link (the old one stops working) and a new expiry date."""
    token = secrets.token_urlsafe(32)
    invitation.token_hash = hash_token(token)
    invitation.expires_at = timezone.now() + timedelta(days=settings.PIONEER_INVITATION_DAYS)
    invitation.sent_at = None
    invitation.save(update_fields=["token_hash", "expires_at", "sent_at"])
    enqueue("accounts.tasks.send_invitation", invitation.pk, token)
    return token


def invitation_revoke(*, invitation: Invitation) -> None:
    if invitation.accepted_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


def invitation_for_token(token: str) -> Invitation:
    """The invitation a link names, or InvitationError saying why it cannot be used."""
    invitation = (
        Invitation.objects.select_related("programme", "cohort")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    if invitation is None:
        raise InvitationError(
            "This invitation link is not valid. Check that you copied the whole link "
            "from the email, or ask your programme adviser for a new invitation."
        )
    if invitation.accepted_at is not None:
        raise InvitationError(
            "This invitation has already been accepted. Sign in with your email address "
            "and password."
        )
    if invitation.revoked_at is not None:
        raise InvitationError(
            "This invitation has been withdrawn. Ask your programme adviser if you think "
            "this is a mistake."
        )
    if invitation.is_expired:
        raise InvitationError(
            "This invitation has expired. Ask your programme adviser to send you a new one."
        )
    return invitation


def membership_grant(
    *,
    user: User,
    programme: Programme,
    role: str,
    cohort: Cohort | None = None,
    organisation: str = "",
    job_title: str = "",
    profession: str = "",
) -> Membership:
    """Give a person a role, reactivating a membership they held before."""
    membership, created = Membership.objects.get_or_create(
        user=user,
        programme=programme,
        cohort=cohort,
        role=role,
        defaults={
            "organisation": organisation,
            "job_title": job_title,
            "profession": profession,
        },
    )
    if not created and not membership.is_active:
        membership.is_active = True
        membership.deactivated = None
        membership.save(update_fields=["is_active", "deactivated"])
    forget_roles(user)
    return membership


def membership_deactivate(*, membership: Membership) -> None:
    """End a role without deleting anything the person recorded."""
    if membership.is_active:
        membership.is_active = False
        membership.deactivated = timezone.now()
        membership.save(update_fields=["is_active", "deactivated"])


def _accept(invitation: Invitation, user: User) -> Membership:
    # Lock the row so a link clicked twice at once is accepted once.
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None:
        raise InvitationError("This invitation has already been accepted.")
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    return membership_grant(
        user=user,
        programme=invitation.programme,
        cohort=invitation.cohort,
        role=invitation.role,
        organisation=invitation.organisation,
        job_title=invitation.job_title,
        profession=invitation.profession,
    )


@transaction.atomic
def invitation_accept_new_user(*, invitation: Invitation, name: str, password: str) -> User:
    """Create the invitee's account (email verified by the link) and membership."""
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise InvitationError("An account with this email address already exists. Sign in.")
    exists = "An account with this email address already exists."
    with refused_on_conflict(exists, refusal=InvitationError):
        user = User.objects.create_user(
            email=invitation.email, password=password, name=name.strip()
        )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    _accept(invitation, user)
    return user


@transaction.atomic
def invitation_accept_existing_user(*, invitation: Invitation, user: User) -> Membership:
    if normalise_email(user.email) != invitation.email:
        raise InvitationError(
            "This invitation was sent to a different email address. Sign out and sign in "
            "with the address the invitation was sent to."
        )
    return _accept(invitation, user)


def calendar_token_reset(*, user: User) -> str:
    user.calendar_token = secrets.token_urlsafe()
    user.save(update_fields=["calendar_token"])
    return user.calendar_token


def may_join(email: str) -> bool:
    """Whether someone with no account may get one by signing in with single sign-on:
    only with an open invitation to this address."""
    return Invitation.objects.pending().filter(email=normalise_email(email)).exists()


@transaction.atomic
def invitations_accept_all(*, user: User) -> list[Membership]:
    """Accept every open invitation to the person's address: single sign-on proved they
    hold it, as the invitation link would have."""
    pending = Invitation.objects.pending().select_related("programme", "cohort")
    return [
        _accept(invitation, user)
        for invitation in pending.filter(email=normalise_email(user.email))
    ]
