"""Every write a person can cause in mentoring. Each checks the programme's rules on the
server, runs in one transaction and leaves the database unchanged when it refuses.

Double booking is refused by the database itself (see models.py); the checks here
give the friendly message first, and an IntegrityError from a race becomes the same
message.
"""

import datetime
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import Cohort, Membership, Programme, Role, User
from cohorts.models import Theme
from core.clock import LONDON, london_month, london_span
from core.db import refused_on_conflict, refused_when_busy
from core.mail import enqueue
from mentoring import selectors
from mentoring.models import (
    FELLOW_CLASH,
    MENTOR_CLASH,
    SLOT_TAKEN,
    Booking,
    MentoringRules,
    MentorProfile,
    Slot,
    WaitlistEntry,
)

Status = Booking.Status
WAITLIST_DAYS = 30
MAX_PATTERN_WEEKS = 26
# Slots are published at most this many days ahead.
DAYS_AHEAD = 365
NO_LONGER_AVAILABLE = "This slot is no longer available. Choose another time."


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


# --- Rules and profiles -------------------------------------------------------------


@transaction.atomic
def mentoring_rules_update(*, programme: Programme, **values) -> MentoringRules:
    rules, _ = MentoringRules.objects.select_for_update().get_or_create(programme=programme)
    for name, value in values.items():
        setattr(rules, name, value)
    _clean(rules)
    rules.save()
    return rules


def _mentor_membership(user: User, programme: Programme) -> Membership:
    membership = Membership.objects.active_mentors(programme).filter(user=user).first()
    if membership is None:
        raise ValidationError("You are not a mentor on this programme.")
    return membership


def profile_defaults(*, user: User, programme: Programme) -> dict:
    """What a mentor's profile starts from: the organisation and job title of their
    membership, and the programme's usual monthly limit."""
    membership = _mentor_membership(user, programme)
    return {
        "organisation": membership.organisation,
        "job_title": membership.job_title,
        "monthly_limit": selectors.rules_for(programme).default_monthly_limit,
    }


def mentor_profile_ensure(*, user: User, programme: Programme) -> MentorProfile:
    """The mentor's profile on the programme, made from their membership the first time."""
    profile, _ = MentorProfile.objects.get_or_create(
        user=user, programme=programme, defaults=profile_defaults(user=user, programme=programme)
    )
    return profile


@transaction.atomic
def mentor_profile_update(
    *,
    user: User,
    programme: Programme,
    expertise: list[Theme],
    organisation: str,
    job_title: str,
    bio: str,
    monthly_limit: int,
) -> MentorProfile:
    profile = mentor_profile_ensure(user=user, programme=programme)
    if any(theme.programme_id != programme.pk for theme in expertise):
        raise ValidationError("Choose expertise from this programme's themes.")
    profile.organisation = organisation.strip()
    profile.job_title = job_title.strip()
    profile.bio = bio.strip()
    profile.monthly_limit = monthly_limit
    _clean(profile)
    profile.save()
    profile.expertise.set(expertise)
    return profile


# --- Slots --------------------------------------------------------------------------


def _check_within_reach(day: datetime.date, now) -> None:
    if day > timezone.localdate(now) + datetime.timedelta(days=DAYS_AHEAD):
        raise ValidationError("Slots can be published up to a year ahead. Choose an earlier date.")


def _slot_times(
    *, programme: Programme, day: datetime.date, start: datetime.time, minutes: int, now
) -> tuple[datetime.datetime, datetime.datetime]:
    _check_within_reach(day, now)
    rules = selectors.rules_for(programme)
    if not rules.min_slot_minutes <= minutes <= rules.max_slot_minutes:
        raise ValidationError(
            f"Slots last between {rules.min_slot_minutes} and {rules.max_slot_minutes} minutes."
        )
    starts_at, ends_at = london_span(day, start, minutes)
    if starts_at <= now:
        raise ValidationError(f"{_when(starts_at)} has passed. Choose a time in the future.")
    return starts_at, ends_at


def _waitlist_offer(mentor_id: int, programme_id: int, places: int, now) -> None:
    """Offer up to `places` bookable slots of the mentor to the first fellows in line.

    The offers are stamped in this transaction and emailed after it commits; if that
    email never leaves (the broker was down), `tasks.sweep_unsent_emails` sends it.
    Fellows are offered a place, never booked.
    """
    programme = Programme.objects.get(pk=programme_id)
    free = selectors.bookable_slots(programme, now=now).filter(mentor_id=mentor_id).count()
    # Skip entries another transaction is offering at this moment: each place goes once.
    entries = list(
        selectors.next_in_line(mentor_id=mentor_id, programme_id=programme_id, now=now)
        .select_for_update(skip_locked=True)
        .values_list("pk", flat=True)[: min(places, free)]
    )
    WaitlistEntry.objects.filter(pk__in=entries).update(offered_at=now)
    for entry_id in entries:
        enqueue("mentoring.tasks.send_waitlist_offer", entry_id)


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


def _mark_cancelled(booking: Booking, *, by: User, now) -> None:
    booking.status = Status.CANCELLED
    booking.cancelled_at = now
    booking.cancelled_by = by
    booking.sequence += 1
    booking.save(update_fields=["status", "cancelled_at", "cancelled_by", "sequence", "updated"])
    enqueue("mentoring.tasks.send_booking_cancellation", booking.pk)


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


# --- Bookings -----------------------------------------------------------------------


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
        raise ValidationError(
            f"Sessions must be booked at least {rules.min_notice_hours} hours ahead. "
            "Choose a later slot."
        )
    return slot


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
    taken = selectors.bookings_in_month(
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
    rules = selectors.rules_for(programme)
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
    locked = selectors.booking_queryset().select_for_update(of=("self",)).get(pk=booking.pk)
    if locked.status != Status.BOOKED:
        raise ValidationError(f"This booking is {locked.get_status_display().lower()}.")
    if locked.starts_at <= now:
        raise ValidationError("This session has already started.")
    rules = selectors.rules_for(locked.slot.programme)
    if locked.starts_at - now < datetime.timedelta(hours=rules.cancellation_cutoff_hours):
        raise ValidationError(
            f"Sessions can be cancelled up to {rules.cancellation_cutoff_hours} hours before "
            f"they start. Contact {locked.slot.mentor.name} if you cannot come."
        )
    _mark_cancelled(locked, by=by, now=now)
    _waitlist_offer(locked.slot.mentor_id, locked.slot.programme_id, 1, now)
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
    *, booking: Booking, rating: int, takeaway: str, now: datetime.datetime | None = None
) -> Booking:
    """The fellow rates a session 1 to 5 and writes what they took from it."""
    now = _now(now)
    locked = Booking.objects.select_for_update().get(pk=booking.pk)
    if locked.status not in Booking.ACTIVE or locked.ends_at > now:
        raise ValidationError("You can give feedback once a session you attended has ended.")
    locked.fellow_rating = rating
    locked.fellow_takeaway = takeaway.strip()
    _clean(locked)
    locked.save(update_fields=["fellow_rating", "fellow_takeaway", "updated"])
    return locked


@transaction.atomic
def bookings_cancel_for_leaver(
    *, membership: Membership, by: User, now: datetime.datetime | None = None
) -> list[Booking]:
    """A mentor leaves a programme or a fellow a cohort: their sessions still to come are
    cancelled and both sides told, as for any cancellation. Fellows waiting for a mentor
    who left are taken off the list; slots a fellow who left had booked are offered to
    those waiting."""
    now = _now(now)
    cancelled = list(
        selectors.upcoming_bookings_of(membership, now=now)
        .select_related("slot")
        .select_for_update(of=("self",))
        .order_by("starts_at", "pk")
    )
    for booking in cancelled:
        _mark_cancelled(booking, by=by, now=now)
    if membership.role == Role.MENTOR:
        WaitlistEntry.objects.filter(
            mentor_id=membership.user_id,
            programme_id=membership.programme_id,
            notified_at__isnull=True,
        ).delete()
    if membership.role == Role.FELLOW:
        freed = Counter(booking.slot.mentor_id for booking in cancelled)
        for mentor_id, places in freed.items():
            _waitlist_offer(mentor_id, membership.programme_id, places, now)
    return cancelled


# --- Waitlist -----------------------------------------------------------------------


@transaction.atomic
def waitlist_join(
    *, profile: MentorProfile, fellow: User, now: datetime.datetime | None = None
) -> WaitlistEntry:
    """Wait for a full mentor; the first in line is emailed when a slot comes free."""
    now = _now(now)
    _booking_cohort(fellow, profile.programme_id)
    _check_mentor_active(profile.user, profile.programme_id)
    if selectors.free_slots_of(profile, now=now).exists():
        raise ValidationError(f"{profile.user.name} has free slots. Book one of those instead.")
    if selectors.waiting_entry(
        mentor=profile.user, fellow=fellow, programme=profile.programme, now=now
    ):
        raise ValidationError(f"You are already on {profile.user.name}'s waitlist.")
    # An entry that ran out starts again at the back of the line.
    WaitlistEntry.objects.filter(
        mentor=profile.user,
        fellow=fellow,
        programme=profile.programme,
        notified_at__isnull=True,
        expires_at__lte=now,
    ).delete()
    entry = WaitlistEntry(
        mentor=profile.user,
        fellow=fellow,
        programme=profile.programme,
        expires_at=now + datetime.timedelta(days=WAITLIST_DAYS),
    )
    _clean(entry)
    _insert(entry, f"You are already on {profile.user.name}'s waitlist.")
    return entry


def waitlist_leave(*, entry: WaitlistEntry) -> None:
    entry.delete()
