"""Bookings: each side's lists, the mentor's totals, and bookings as calendar events."""

import datetime

from django.conf import settings
from django.db.models import Avg, Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Role
from accounts.roles import roles_of
from core.ical import CalendarEvent, uid_for
from mentoring.models import Booking, Slot
from projects.models import Project

Status = Booking.Status
ACTIVE = Booking.ACTIVE


def booking_queryset() -> QuerySet[Booking]:
    return Booking.objects.select_related(
        "slot", "slot__mentor", "slot__programme", "fellow", "cohort", "cancelled_by"
    )


def booking_of(slot: Slot) -> Booking | None:
    """The slot's booking still to be held, if any."""
    return booking_queryset().filter(slot=slot, status=Status.BOOKED).first()


def bookings_as_fellow(user) -> QuerySet[Booking]:
    return booking_queryset().filter(fellow=user, cohort_id__in=roles_of(user).fellow_cohorts)


def bookings_as_mentor(user) -> QuerySet[Booking]:
    return booking_queryset().filter(
        slot__mentor=user, slot__programme_id__in=roles_of(user).mentor_programmes
    )


def upcoming(bookings: QuerySet[Booking], *, now: datetime.datetime) -> QuerySet[Booking]:
    return bookings.filter(status=Status.BOOKED, ends_at__gte=now).order_by("starts_at")


def past(bookings: QuerySet[Booking], *, now: datetime.datetime, limit: int = 30):
    return bookings.filter(Q(ends_at__lt=now) | Q(status=Status.CANCELLED)).order_by("-starts_at")[
        :limit
    ]


def home_upcoming(user, *, as_mentor: bool, limit: int = 3) -> list[Booking]:
    """The next few sessions for the home page, in one query."""
    mine = bookings_as_mentor(user) if as_mentor else bookings_as_fellow(user)
    return list(upcoming(mine, now=timezone.now())[:limit])


def upcoming_bookings_of(membership: Membership, *, now: datetime.datetime) -> QuerySet[Booking]:
    """Sessions still to come of a mentor on a programme, or of a fellow in a cohort."""
    bookings = Booking.objects.filter(status=Status.BOOKED, starts_at__gt=now)
    if membership.role == Role.MENTOR:
        return bookings.filter(
            slot__mentor_id=membership.user_id, slot__programme_id=membership.programme_id
        )
    if membership.role == Role.FELLOW:
        return bookings.filter(fellow_id=membership.user_id, cohort_id=membership.cohort_id)
    return bookings.none()


def project_of(booking: Booking) -> Project | None:
    """The booking fellow's project in that cohort: what the mentor may read of it."""
    return (
        Project.objects.filter(fellow_id=booking.fellow_id, cohort_id=booking.cohort_id)
        .only("title", "summary")
        .first()
    )


def mentor_totals(user, *, now: datetime.datetime) -> dict:
    """A mentor's own totals across their programmes, in one query."""
    bookings = Booking.objects.filter(
        slot__mentor=user, slot__programme_id__in=roles_of(user).mentor_programmes
    )
    return bookings.aggregate(
        held=Count("pk", filter=Q(status=Status.HELD)),
        no_shows=Count("pk", filter=Q(status=Status.NO_SHOW)),
        upcoming=Count("pk", filter=Q(status=Status.BOOKED, starts_at__gte=now)),
        to_record=Count("pk", filter=Q(status=Status.BOOKED, starts_at__lt=now)),
        ratings=Count("fellow_rating"),
        mean_rating=Avg("fellow_rating"),
    )


def bookings_in_month(*, mentor, programme_id: int, start, end) -> int:
    return (
        Booking.objects.filter(
            slot__mentor=mentor,
            slot__programme_id=programme_id,
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .exclude(status=Status.CANCELLED)
        .count()
    )


def calendar_events_for(user) -> list[CalendarEvent]:
    """The person's active mentoring bookings, as a fellow or as the mentor, for a feed."""
    roles = roles_of(user)
    since = timezone.now() - datetime.timedelta(days=90)
    bookings = (
        booking_queryset()
        .filter(status__in=ACTIVE, ends_at__gte=since)
        .filter(
            Q(fellow=user, cohort_id__in=roles.fellow_cohorts)
            | Q(slot__mentor=user, slot__programme_id__in=roles.mentor_programmes)
        )
        .order_by("starts_at")
    )
    return [booking_event(booking, for_user=user) for booking in bookings]


def booking_event(booking: Booking, *, for_user=None, cancelled: bool = False) -> CalendarEvent:
    """A booking as a calendar event. The agenda stays out: calendars get shared."""
    mentor, fellow = booking.slot.mentor, booking.fellow
    other = fellow if for_user is not None and for_user.pk == mentor.pk else mentor
    where = booking.slot.online_link or booking.slot.location
    path = reverse("mentoring:booking_detail", args=[booking.pk])
    return CalendarEvent(
        uid=uid_for("booking", booking.pk),
        start=booking.starts_at,
        end=booking.ends_at,
        summary=f"Mentoring: {mentor.name} and {fellow.name}"
        if for_user is None
        else f"Mentoring with {other.name}",
        sequence=booking.sequence,
        location=where,
        description=f"Micro-mentoring session booked through Pioneer. {settings.SITE_URL}{path}",
        url=f"{settings.SITE_URL}{path}",
        cancelled=cancelled,
        attendee_emails=(fellow.email, mentor.email),
    )
