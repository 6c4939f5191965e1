"""Erasing a person: their roles end, their sessions still to come are cancelled as for
any leaver, and every app's declared personal data about them is anonymised. The rows
stay, so cohort reports keep their numbers and every page that showed them still works."""

import datetime
import secrets

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone

from accounts.models import Membership, Programme, Role, User
from accounts.services import membership_deactivate
from core.changes import Places, record
from core.mail import erased_address, is_erased
from core.personal_data import EMAIL, LABEL
from mentoring.models import Booking, Slot
from mentoring.services.leavers import bookings_cancel_for_leaver
from privacy.models import Erasure
from privacy.registry import Table, tables
from recruitment.models import Application, Round

# The role a former person is called by, the first they ever held in this order.
_LABEL_ROLES = (Role.FELLOW, Role.MENTOR, Role.FACILITATOR, Role.REVIEWER, Role.ADVISER)


def is_erased_person(person: User) -> bool:
    return is_erased(person.email)


def label_for(person: User) -> str:
    """'Former fellow 123': what an erased person is called from now on."""
    held = set(Membership.objects.filter(user=person).values_list("role", flat=True))
    role = next((role for role in _LABEL_ROLES if role in held), None)
    if role:
        word = Role(role).label.lower()
    else:
        word = "applicant" if Application.objects.filter(applicant=person).exists() else "member"
    return f"Former {word} {person.pk}"


def _resolved(changes, *, label: str, email: str) -> dict:
    out = {}
    for column, value in changes.items():
        if isinstance(value, str):
            value = value.replace(LABEL, label).replace(EMAIL, email)
        out[column] = value
    return out


def _anonymise(table: Table, person: User, *, old_email: str, label: str, email: str) -> None:
    manager = table.model._base_manager
    holds = table.holds
    if holds.delete:
        manager.filter(table.about(person.pk, old_email)).delete()
        return
    for lookup, changes in holds.by.items():
        if changes:
            manager.filter(**{lookup: person.pk}).update(
                **_resolved(changes, label=label, email=email)
            )
    for column, changes in holds.by_email.items():
        if changes:
            manager.filter(**{f"{column}__iexact": old_email}).update(
                **_resolved(changes, label=label, email=email)
            )


def _replaced(value, old: str, new: str):
    """`value` (text, or what a JSON column holds) with `old` replaced in every string."""
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        return [_replaced(item, old, new) for item in value]
    if isinstance(value, dict):
        return {key: _replaced(item, old, new) for key, item in value.items()}
    return value


def _replace_mentions(table: Table, *, old: str, new: str) -> None:
    """Others' rows that quote `old` (as text, or inside JSON) say `new` instead."""
    manager = table.model._base_manager
    for column in table.holds.mentions:
        found = manager.annotate(_text=Cast(column, TextField())).filter(_text__contains=old)
        for pk, value in found.values_list("pk", column).iterator(chunk_size=200):
            manager.filter(pk=pk).update(**{column: _replaced(value, old, new)})


def _end_roles(person: User, *, by: User | None, now: datetime.datetime) -> None:
    """As when someone leaves, their sessions still to come are cancelled with the usual
    emails and the free slots they offered go. Every role ends but a fellow's place in a
    cohort: reports count fellows who are still members, so theirs keep their numbers."""
    for membership in Membership.objects.filter(user=person, is_active=True):
        bookings_cancel_for_leaver(membership=membership, by=by, now=now)
        if membership.role != Role.FELLOW:
            membership_deactivate(membership=membership)
    Slot.objects.filter(mentor=person, starts_at__gt=now, cancelled_at__isnull=True).exclude(
        bookings__status__in=Booking.ACTIVE
    ).update(cancelled_at=now)


def _end_sessions(person: User) -> None:
    """Sign them out everywhere at once (the new password hash would on their next
    request too); allauth's session list knows each of their sessions."""
    if "usersessions" not in apps.app_configs:
        return
    for session in apps.get_model("usersessions", "UserSession").objects.filter(user=person):
        session.end()


@transaction.atomic
def person_erase(*, person: User, by: User | None, now: datetime.datetime | None = None) -> str:
    """Anonymise `person` everywhere; returns the label they are known by from now on."""
    now = now or timezone.now()
    person = User.objects.select_for_update().get(pk=person.pk)
    if is_erased_person(person):
        raise ValidationError("This person has already been erased.")
    _end_roles(person, by=by, now=now)
    _end_sessions(person)
    label, email = label_for(person), erased_address(person.pk)
    old_email, old_name = person.email, person.name
    for table in tables():
        if table.model is not User:
            _anonymise(table, person, old_email=old_email, label=label, email=email)
        for old, new in ((old_name, label), (old_email, email)):
            if old:
                _replace_mentions(table, old=old, new=new)
    person.name, person.email = label, email
    person.is_active = person.is_staff = person.is_superuser = False
    person.calendar_token = secrets.token_urlsafe()
    # A new password hash also ends every session they had: Django checks it per request.
    person.set_unusable_password()
    person.save()
    # Others' rows that quoted the person changed too, in whichever programme.
    record(
        Places(
            programmes=set(Programme.objects.values_list("pk", flat=True)),
            rounds=set(Round.objects.values_list("pk", flat=True)),
        )
    )
    return label


@transaction.atomic
def erasure_request(*, person: User, programme: Programme, by: User) -> Erasure:
    """An adviser asks; another adviser of the programme confirms (`erasure_confirm`)."""
    if person.pk == by.pk:
        raise ValidationError("You cannot ask for your own erasure here.")
    if is_erased_person(person):
        raise ValidationError("This person has already been erased.")
    erasure = Erasure(person=person, programme=programme, requested_by=by)
    erasure.full_clean(exclude=["person"])
    try:
        with transaction.atomic():
            erasure.save()
    except IntegrityError as error:
        raise ValidationError(
            f"An erasure of {person.name} is already waiting for confirmation."
        ) from error
    return erasure


@transaction.atomic
def erasure_confirm(*, erasure: Erasure, by: User, now: datetime.datetime | None = None) -> str:
    erasure = Erasure.objects.select_for_update().get(pk=erasure.pk)
    if erasure.done_at is not None:
        raise ValidationError("This erasure has already been done.")
    if erasure.requested_by_id == by.pk:
        raise ValidationError("Another adviser must confirm an erasure you asked for.")
    return _done(erasure, by=by, now=now)


@transaction.atomic
def erasure_now(
    *,
    person: User,
    by: User | None,
    programme: Programme | None = None,
    reason: str = "request",
    now: datetime.datetime | None = None,
) -> str:
    """A superuser's erasure, or retention's: done at once, recorded all the same."""
    erasure = Erasure.objects.filter(person=person, done_at__isnull=True).first()
    if erasure is None:
        erasure = Erasure.objects.create(
            person=person, programme=programme, requested_by=by, reason=reason
        )
    return _done(erasure, by=by, now=now)


def _done(erasure: Erasure, *, by: User | None, now) -> str:
    now = now or timezone.now()
    label = person_erase(person=erasure.person, by=by, now=now)
    erasure.confirmed_by, erasure.done_at, erasure.label = by, now, label
    erasure.save(update_fields=["confirmed_by", "done_at", "label"])
    return label


@transaction.atomic
def erasure_withdraw(*, erasure: Erasure) -> None:
    if erasure.done_at is not None:
        raise ValidationError("This erasure has already been done.")
    erasure.delete()
