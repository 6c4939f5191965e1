"""A fellow books, cancels, moves and rates a session; the mentor records what happened."""

import datetime

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.formats import date_format

from accounts.models import User
from core.clock import LONDON, london_month
from core.db import refused_when_busy
from core.mail import enqueue
from mentoring.models import SLOT_TAKEN, Booking, MentoringRules, MentorProfile, Slot, WaitlistEntry
from mentoring.selectors.bookings import booking_queryset, bookings_in_month
from mentoring.selectors.rules import bookings_close_message, rules_for
from mentoring.services.common import (
    _booking_cohort,
    _check_mentor_active,
    _clean,
    _insert,
    _now,
)
from mentoring.services.waitlist import _waitlist_offer

Status = Booking.Status
NO_LONGER_AVAILABLE = "This slot is no longer available. Choose another time."


def _mark_cancelled(booking: Booking, *, by: User, now) -> None:
    booking.status = Status.CANCELLED
    booking.cancelled_at = now
    booking.cancelled_by = by
    booking.sequence += 1
    booking.save(update_fields=["status", "cancelled_at", "cancelled_by", "sequence", "updated"])
    enqueue("mentoring.tasks.send_booking_cancellation", booking.pk)


def _lock_slot_for_booking(slot_id: int) -> Slot | None:
    """Read the slot afresh with a share lock: many fellows can hold it at once, but the
    mentor cannot change, cancel or remove it until the booking commits."""
    if connection.vendor == "postgresql":
        table = Slot._meta.db_table
        found = list(Slot.objects.raw(f"SELECT * FROM {table} WHERE id = %s FOR SHARE", [slot_id]))
        return found[0] if found else None
    # SQLite: the transaction began holding the write lock (IMMEDIATE in settings), so
    # bookings already run one at a time.
    return Slot.objects.filter(pk=slot_id).first()


def _check_slot_open(slot: Slot | None, rules: MentoringRules, now) -> Slot:
    if slot is None or slot.cancelled_at is not None:
        raise ValidationError(NO_LONGER_AVAILABLE)
    if slot.starts_at <= now:
        raise ValidationError("This slot is in the past. Choose a later time.")
    if slot.starts_at < now + datetime.timedelta(hours=rules.min_notice_hours):
        raise ValidationError(f"{bookings_close_message(rules)} Choose a later slot.")
    return slot


def _check_limits(booking: Booking, rules: MentoringRules, now) -> None:
    """Counted after our insert, holding locks, so two bookings at once cannot both
    squeeze under a limit."""
    slot = booking.slot
    profile = (
        MentorProfile.objects.select_for_update()
        .filter(user_id=slot.mentor_id, programme_id=slot.programme_id)
        .first()
    )
    limit = profile.monthly_limit if profile else rules.default_monthly_limit
    start, end = london_month(slot.starts_at)
    taken = bookings_in_month(
        mentor=slot.mentor_id, programme_id=slot.programme_id, start=start, end=end
    )
    if taken > limit:
        month = date_format(slot.starts_at.astimezone(LONDON), "F Y")
        raise ValidationError(
            f"{slot.mentor.name} has no sessions left in {month}. "
            "Choose a slot in another month, or join their waitlist."
        )
    list(User.objects.select_for_update(no_key=True).filter(pk=booking.fellow_id).values("pk"))
    active = Booking.objects.filter(
        fellow_id=booking.fellow_id,
        slot__programme_id=slot.programme_id,
        status=Status.BOOKED,
        starts_at__gt=now,
    ).count()
    if active > rules.max_active_bookings:
        raise ValidationError(
            f"You can have {rules.max_active_bookings} upcoming mentoring sessions at a time. "
            "Cancel one, or book again after your next session."
        )


@refused_when_busy()
@transaction.atomic
def booking_create(
    *, slot: Slot, fellow: User, agenda: str, now: datetime.datetime | None = None
) -> Booking:
    """A fellow books a free slot with an agenda; both sides get an invite."""
    now = _now(now)
    locked = _lock_slot_for_booking(slot.pk)
    programme = locked.programme if locked else slot.programme
    rules = rules_for(programme)
    locked = _check_slot_open(locked, rules, now)
    if locked.mentor_id == fellow.pk:
        raise ValidationError("You cannot book your own slot.")
    _check_mentor_active(locked.mentor, locked.programme_id, lock=True)
    booking = Booking(
        slot=locked,
        fellow=fellow,
        cohort=_booking_cohort(fellow, locked.programme_id),
        starts_at=locked.starts_at,
        ends_at=locked.ends_at,
        agenda=agenda.strip(),
        status=Status.BOOKED,
    )
    try:
        _clean(booking)
    except ValidationError as error:
        # A taken slot says all there is to say; the fellow's own clash would only confuse.
        message = SLOT_TAKEN if SLOT_TAKEN in error.messages else error.messages
        raise ValidationError(message) from error
    _insert(booking)
    _check_limits(booking, rules, now)
    WaitlistEntry.objects.filter(
        mentor_id=locked.mentor_id,
        fellow=fellow,
        programme_id=locked.programme_id,
        notified_at__isnull=True,
    ).delete()
    enqueue("mentoring.tasks.send_booking_confirmation", booking.pk)
    return booking


@refused_when_busy()
@transaction.atomic
def booking_cancel(*, booking: Booking, by: User, now: datetime.datetime | None = None) -> Booking:
    """The fellow cancels before the cut-off; the slot is free again and the waitlist told."""
    now = _now(now)
    locked = booking_queryset().select_for_update(of=("self",)).get(pk=booking.pk)
    if locked.status != Status.BOOKED:
        raise ValidationError(f"This booking is {locked.get_status_display().lower()}.")
    if locked.starts_at <= now:
        raise ValidationError("This session has already started.")
    rules = rules_for(locked.slot.programme)
    if locked.starts_at - now < datetime.timedelta(hours=rules.cancellation_cutoff_hours):
        raise ValidationError(
            f"Sessions can be cancelled up to {rules.cancellation_cutoff_hours} hours before "
            f"they start. Contact {locked.slot.mentor.name} if you cannot come."
        )
    _mark_cancelled(locked, by=by, now=now)
    _waitlist_offer(
        locked.slot.mentor_id, locked.slot.programme_id, 1, now, not_to=locked.fellow_id
    )
    return locked


@refused_when_busy()
@transaction.atomic
def booking_reschedule(
    *, booking: Booking, slot: Slot, now: datetime.datetime | None = None
) -> Booking:
    """Cancel and book again as one change: if the new booking fails, the old one stands."""
    now = _now(now)
    if slot.pk == booking.slot_id:
        raise ValidationError("Choose a different slot from the one you have.")
    if slot.programme_id != booking.slot.programme_id:
        raise ValidationError(NO_LONGER_AVAILABLE)
    booking_cancel(booking=booking, by=booking.fellow, now=now)
    return booking_create(slot=slot, fellow=booking.fellow, agenda=booking.agenda, now=now)


@transaction.atomic
def booking_record_outcome(
    *, booking: Booking, status: str, note: str = "", now: datetime.datetime | None = None
) -> Booking:
    """The mentor marks a session held or not attended, with an optional note."""
    now = _now(now)
    locked = Booking.objects.select_for_update().get(pk=booking.pk)
    if locked.status == Status.CANCELLED:
        raise ValidationError("This booking was cancelled.")
    if locked.starts_at > now:
        raise ValidationError("You can record what happened once the session has started.")
    if status not in (Status.HELD, Status.NO_SHOW):
        raise ValidationError("Choose whether the session was held or the fellow did not attend.")
    locked.status = status
    locked.mentor_note = note.strip()
    _clean(locked)
    _insert(locked)
    return locked


@transaction.atomic
def booking_give_feedback(
    *,
    booking: Booking,
    rating: int,
    takeaway: str,
    share_with_mentor: bool = False,
    now: datetime.datetime | None = None,
) -> Booking:
    """The fellow rates a session 1 to 5 and writes what they took from it, and chooses
    whether the mentor may read it."""
    now = _now(now)
    locked = Booking.objects.select_for_update().get(pk=booking.pk)
    if locked.status not in Booking.ACTIVE or locked.ends_at > now:
        raise ValidationError("You can give feedback once a session you attended has ended.")
    locked.fellow_rating = rating
    locked.fellow_takeaway = takeaway.strip()
    locked.feedback_shared = share_with_mentor
    _clean(locked)
    locked.save(update_fields=["fellow_rating", "fellow_takeaway", "feedback_shared", "updated"])
    return locked
