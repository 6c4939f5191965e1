"""A mentor's slots: published one at a time or as a weekly pattern, changed, removed or
cancelled."""

import datetime
import uuid
from copy import copy

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Programme, User
from audit import services as audit
from audit.models import Action
from core.changes import Places, record
from core.clock import london_span
from mentoring.models import Booking, Slot
from mentoring.selectors.rules import rules_for
from mentoring.services.bookings import _mark_cancelled
from mentoring.services.common import _clean, _insert, _now, _when
from mentoring.services.profiles import mentor_profile_ensure
from mentoring.services.waitlist import _waitlist_offer

Status = Booking.Status
MAX_PATTERN_WEEKS = 26
# Slots are published at most this many days ahead.
DAYS_AHEAD = 365


def _check_within_reach(day: datetime.date, now) -> None:
    if day > timezone.localdate(now) + datetime.timedelta(days=DAYS_AHEAD):
        raise ValidationError("Slots can be published up to a year ahead. Choose an earlier date.")


def _slot_times(
    *, programme: Programme, day: datetime.date, start: datetime.time, minutes: int, now
) -> tuple[datetime.datetime, datetime.datetime]:
    _check_within_reach(day, now)
    rules = rules_for(programme)
    if not rules.min_slot_minutes <= minutes <= rules.max_slot_minutes:
        raise ValidationError(
            f"Slots last between {rules.min_slot_minutes} and {rules.max_slot_minutes} minutes."
        )
    starts_at, ends_at = london_span(day, start, minutes)
    if starts_at <= now:
        raise ValidationError(f"{_when(starts_at)} has passed. Choose a time in the future.")
    return starts_at, ends_at


@transaction.atomic
def slot_create(
    *,
    mentor: User,
    programme: Programme,
    day: datetime.date,
    start: datetime.time,
    minutes: int,
    location: str = "",
    online_link: str = "",
    now: datetime.datetime | None = None,
) -> Slot:
    """One slot at a London wall-clock time."""
    now = _now(now)
    mentor_profile_ensure(user=mentor, programme=programme)
    starts_at, ends_at = _slot_times(
        programme=programme, day=day, start=start, minutes=minutes, now=now
    )
    slot = Slot(
        mentor=mentor,
        programme=programme,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location.strip(),
        online_link=online_link.strip(),
    )
    _clean(slot)
    _insert(slot)
    _waitlist_offer(mentor.pk, programme.pk, 1, now)
    return slot


@transaction.atomic
def slots_create_weekly(
    *,
    mentor: User,
    programme: Programme,
    first_day: datetime.date,
    last_day: datetime.date,
    weekdays: set[int],
    start: datetime.time,
    minutes: int,
    in_a_row: int = 1,
    location: str = "",
    online_link: str = "",
    now: datetime.datetime | None = None,
) -> list[Slot]:
    """Slots on the chosen weekdays between two dates, each at the same London wall-clock
    time whatever the clock change. All or nothing: one problem and none are made."""
    now = _now(now)
    mentor_profile_ensure(user=mentor, programme=programme)
    if last_day < first_day:
        raise ValidationError("The last date must be the same as or after the first date.")
    if (last_day - first_day).days >= MAX_PATTERN_WEEKS * 7:
        raise ValidationError(f"A weekly pattern can cover at most {MAX_PATTERN_WEEKS} weeks.")
    _check_within_reach(last_day, now)
    problems: list[str] = []
    slots: list[Slot] = []
    series = uuid.uuid4()
    day = first_day
    while day <= last_day:
        if day.weekday() in weekdays:
            for n in range(in_a_row):
                wall = datetime.datetime.combine(day, start) + datetime.timedelta(
                    minutes=minutes * n
                )
                try:
                    starts_at, ends_at = _slot_times(
                        programme=programme,
                        day=wall.date(),
                        start=wall.time(),
                        minutes=minutes,
                        now=now,
                    )
                except ValidationError as error:
                    problems.extend(error.messages)
                    continue
                slots.append(
                    Slot(
                        mentor=mentor,
                        programme=programme,
                        starts_at=starts_at,
                        ends_at=ends_at,
                        location=location.strip(),
                        online_link=online_link.strip(),
                        series=series,
                    )
                )
        day += datetime.timedelta(days=1)
    if problems:
        raise ValidationError(list(dict.fromkeys(problems))[:5])
    if not slots:
        raise ValidationError("None of the dates in that range falls on the days you chose.")
    for slot in slots:
        try:
            _clean(slot)
            _insert(slot)
        except ValidationError as error:
            raise ValidationError(f"{_when(slot.starts_at)}: {' '.join(error.messages)}") from error
    _waitlist_offer(mentor.pk, programme.pk, len(slots), now)
    return slots


def _lock_unbooked(slot: Slot, now) -> Slot:
    """Lock the slot and make sure it can still be changed: not booked, not started."""
    locked = Slot.objects.select_for_update().get(pk=slot.pk)
    if locked.cancelled_at is not None:
        raise ValidationError("This slot has been removed.")
    if locked.starts_at <= now:
        raise ValidationError("This slot has already started, so it cannot be changed.")
    if locked.bookings.filter(status__in=Booking.ACTIVE).exists():
        raise ValidationError(
            "This slot is booked, so it cannot be changed or removed. You can cancel it instead."
        )
    return locked


@transaction.atomic
def slot_update(
    *,
    slot: Slot,
    day: datetime.date,
    start: datetime.time,
    minutes: int,
    location: str = "",
    online_link: str = "",
    now: datetime.datetime | None = None,
) -> Slot:
    now = _now(now)
    locked = _lock_unbooked(slot, now)
    locked.starts_at, locked.ends_at = _slot_times(
        programme=locked.programme, day=day, start=start, minutes=minutes, now=now
    )
    locked.location, locked.online_link = location.strip(), online_link.strip()
    _clean(locked)
    _insert(locked)
    return locked


@transaction.atomic
def slot_remove(*, slot: Slot, now: datetime.datetime | None = None) -> None:
    """Remove an unbooked slot. One that was booked and cancelled is kept, marked cancelled."""
    now = _now(now)
    locked = _lock_unbooked(slot, now)
    if locked.bookings.exists():
        locked.cancelled_at = now
        locked.save(update_fields=["cancelled_at"])
    else:
        locked.delete()


@transaction.atomic
def slot_cancel(*, slot: Slot, by: User, now: datetime.datetime | None = None) -> Booking | None:
    """The mentor cancels a slot; its booking is cancelled and the fellow is told."""
    now = _now(now)
    locked = Slot.objects.select_for_update().get(pk=slot.pk)
    if locked.cancelled_at is not None:
        raise ValidationError("This slot is already cancelled.")
    if locked.starts_at <= now:
        raise ValidationError(
            "This session has started. Record whether it was held or the fellow did not attend."
        )
    booking = Booking.objects.select_for_update().filter(slot=locked, status=Status.BOOKED).first()
    locked.cancelled_at = now
    locked.save(update_fields=["cancelled_at"])
    if booking is not None:
        _mark_cancelled(booking, by=by, now=now)
    return booking


@transaction.atomic
def slot_series_remove(
    *, slot: Slot, by: User, now: datetime.datetime | None = None
) -> list[Booking]:
    """Remove every slot still to come in a weekly series at once. Booked ones are
    cancelled as `slot_cancel` does (both sides are told); the others go as `slot_remove`
    would. The places the cancelled bookings held in their months go to the waitlist."""
    now = _now(now)
    if slot.series is None:
        raise ValidationError("This slot is not part of a weekly series.")
    locked = list(
        Slot.objects.select_for_update()
        .filter(
            mentor_id=slot.mentor_id,
            series=slot.series,
            cancelled_at__isnull=True,
            starts_at__gt=now,
        )
        .order_by("starts_at")
    )
    if not locked:
        raise ValidationError("Every slot in this series has passed or been removed.")
    bookings = list(
        Booking.objects.select_for_update().filter(slot__in=locked, status=Status.BOOKED)
    )
    ever_booked = set(Booking.objects.filter(slot__in=locked).values_list("slot_id", flat=True))
    for booking in bookings:
        _mark_cancelled(booking, by=by, now=now)
    Slot.objects.filter(pk__in=ever_booked).update(cancelled_at=now)
    record(Places(programmes={slot.programme_id for slot in locked}))
    # The update sends no signal: the trail is written here.
    cancelled = [(slot, copy(slot)) for slot in locked if slot.pk in ever_booked]
    for _, after in cancelled:
        after.cancelled_at = now
    audit.changes_record(action=Action.UPDATE, pairs=cancelled)
    Slot.objects.filter(pk__in=[s.pk for s in locked if s.pk not in ever_booked]).delete()
    if bookings:
        _waitlist_offer(slot.mentor_id, slot.programme_id, len(bookings), now)
    return bookings
