"""What every mentoring write shares: each checks the programme's rules on the server,
runs in one transaction and leaves the database unchanged when it refuses.

Double booking is refused by the database itself (see models.py); the checks here
give the friendly message first, and an IntegrityError from a race becomes the same
message. The checks of who may book are here because bookings and the waitlist both
make them.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import Cohort, Membership, Role, User
from core.clock import LONDON
from core.db import refused_on_conflict
from mentoring.models import FELLOW_CLASH, MENTOR_CLASH, SLOT_TAKEN, Booking


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def _when(instant: datetime.datetime) -> str:
    local = instant.astimezone(LONDON)
    return f"{date_format(local, 'l j F Y')} at {local:%H:%M}"


def _clean(instance) -> None:
    """full_clean() with the messages flattened, so a form shows them at the top."""
    try:
        instance.full_clean()
    except ValidationError as error:
        raise ValidationError(error.messages) from error


def _integrity_message(error: IntegrityError) -> str:
    text = str(error)
    if "booking_no_overlap_per_fellow" in text:
        return FELLOW_CLASH
    if "slot_no_overlap_per_mentor" in text:
        return MENTOR_CLASH
    return SLOT_TAKEN


DEADLOCK = "40P01"  # PostgreSQL's SQLSTATE for "deadlock detected"


def _insert(instance, message: str | None = None) -> None:
    """Save in a savepoint; a constraint that a concurrent writer won becomes a message."""
    try:
        with refused_on_conflict(message or _integrity_message):
            instance.save()
    except OperationalError as error:
        # Two clashing rows inserted at the same moment can each wait for the other on an
        # exclusion constraint; PostgreSQL then aborts one: the same refusal, not a 500.
        if getattr(error.__cause__, "sqlstate", None) != DEADLOCK:
            raise
        clash = FELLOW_CLASH if isinstance(instance, Booking) else MENTOR_CLASH
        raise ValidationError(message or clash) from error


# --- Who may book: checked by bookings and the waitlist alike --------------------


def _booking_cohort(fellow: User, programme_id: int) -> Cohort:
    membership = (
        Membership.objects.filter(
            user=fellow,
            programme_id=programme_id,
            role=Role.FELLOW,
            cohort__isnull=False,
            is_active=True,
        )
        .exclude(cohort__status=Cohort.Status.COMPLETED)
        .select_related("cohort")
        .order_by("-cohort__starts_on")
        .first()
    )
    if membership is None:
        raise ValidationError(
            "Only fellows of a current cohort of this programme can book its mentors."
        )
    return membership.cohort


def _check_mentor_active(mentor: User, programme_id: int, *, lock: bool = False) -> None:
    """Refuse a mentor who has left the programme. With `lock`, hold their membership until
    commit, so a removal at this moment either comes first and refuses this booking, or
    waits for it and then cancels it."""
    memberships = Membership.objects.active_mentors(programme_id).filter(user_id=mentor.pk)
    if lock:
        memberships = memberships.select_for_update()
    if not list(memberships.values_list("pk", flat=True)):
        raise ValidationError(
            f"{mentor.name} is no longer a mentor on this programme. Choose another mentor."
        )
