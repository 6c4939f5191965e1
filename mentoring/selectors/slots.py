"""Slots: which a fellow could book now, and a mentor's own."""

import datetime

from django.db.models import Exists, F, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format

from accounts.models import Programme
from accounts.roles import roles_of
from core.clock import LONDON
from core.db import count_of
from mentoring.models import Booking, MentorProfile, Slot
from mentoring.selectors.profiles import mentor_is_active
from mentoring.selectors.rules import bookings_close_message, rules_for

Status = Booking.Status
ACTIVE = Booking.ACTIVE


def bookable_slots(programme: Programme, *, now: datetime.datetime) -> QuerySet[Slot]:
    """Slots a fellow could book now: far enough ahead, free, with a mentor who is still a
    mentor on the programme and not full that month."""
    rules = rules_for(programme)
    taken = Booking.objects.filter(slot=OuterRef("pk"), status__in=ACTIVE)
    same_month = (
        Booking.objects.filter(
            slot__mentor=OuterRef("mentor"), slot__programme=OuterRef("programme")
        )
        .exclude(status=Status.CANCELLED)
        .annotate(booking_month=TruncMonth("starts_at", tzinfo=LONDON))
        .filter(booking_month=OuterRef("month"))
    )
    limit = MentorProfile.objects.filter(
        user=OuterRef("mentor"), programme=OuterRef("programme")
    ).values("monthly_limit")[:1]
    return (
        Slot.objects.filter(
            programme=programme,
            cancelled_at__isnull=True,
            starts_at__gte=now + datetime.timedelta(hours=rules.min_notice_hours),
        )
        .filter(mentor_is_active())
        .exclude(Exists(taken))
        .annotate(month=TruncMonth("starts_at", tzinfo=LONDON))
        .annotate(
            month_bookings=count_of(same_month, "slot__mentor"),
            month_limit=Subquery(limit, output_field=IntegerField()),
        )
        .filter(month_bookings__lt=F("month_limit"))
    )


def free_slots_of(profile: MentorProfile, *, now: datetime.datetime, weeks: int = 8):
    horizon = now + datetime.timedelta(weeks=weeks)
    return (
        bookable_slots(profile.programme, now=now)
        .filter(mentor_id=profile.user_id, starts_at__lt=horizon)
        .order_by("starts_at")
    )


def is_booked(slot: Slot) -> bool:
    return Booking.objects.filter(slot=slot, status__in=ACTIVE).exists()


def is_bookable(slot: Slot, *, now: datetime.datetime) -> bool:
    return bookable_slots(slot.programme, now=now).filter(pk=slot.pk).exists()


def why_not_bookable(slot: Slot, *, now: datetime.datetime) -> str | None:
    """The real reason a fellow cannot book this slot now, or None when they can."""
    if slot.cancelled_at is not None:
        return f"{slot.mentor.name} has removed this slot."
    if slot.starts_at <= now:
        return "This slot is in the past."
    rules = rules_for(slot.programme)
    if slot.starts_at < now + datetime.timedelta(hours=rules.min_notice_hours):
        return f"{bookings_close_message(rules)} This one starts too soon to book."
    if is_booked(slot):
        return "Another fellow has booked this slot."
    if is_bookable(slot, now=now):
        return None
    if not _mentor_still_active(slot):
        return f"{slot.mentor.name} is no longer a mentor on this programme."
    month = date_format(slot.starts_at.astimezone(LONDON), "F Y")
    return f"{slot.mentor.name} has no sessions left in {month}."


def _mentor_still_active(slot: Slot) -> bool:
    return Slot.objects.filter(pk=slot.pk).filter(mentor_is_active()).exists()


def slots_of_mentor(user, *, now: datetime.datetime) -> QuerySet[Slot]:
    """A mentor's own slots from today on, each with its active booking if any."""
    active = Booking.objects.filter(slot=OuterRef("pk"), status__in=ACTIVE)
    return (
        Slot.objects.filter(
            mentor=user,
            programme_id__in=roles_of(user).mentor_programmes,
            cancelled_at__isnull=True,
            ends_at__gte=now,
        )
        .select_related("programme")
        .annotate(
            booking_id=Subquery(active.values("pk")[:1]),
            booked_by=Subquery(active.values("fellow__name")[:1]),
        )
        .order_by("starts_at")
    )


def series_to_come(slot: Slot, *, now: datetime.datetime) -> QuerySet[Slot]:
    """The slots of this slot's weekly series still to come, each with who booked it."""
    active = Booking.objects.filter(slot=OuterRef("pk"), status=Status.BOOKED)
    return (
        Slot.objects.filter(
            mentor_id=slot.mentor_id,
            series=slot.series,
            cancelled_at__isnull=True,
            starts_at__gt=now,
        )
        .annotate(booked_by=Subquery(active.values("fellow__name")[:1]))
        .order_by("starts_at")
    )
