"""The adviser's uptake tables, counted in the database."""

import datetime

from django.db.models import (
    Avg,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from accounts.models import Cohort, Membership, Programme
from core.db import count_of
from mentoring.models import Booking, Slot

Status = Booking.Status


def uptake_by_fellow(programme: Programme, cohort=None) -> QuerySet[Membership]:
    """Each fellow with their bookings by status, counted in SQL."""
    fellows = Membership.objects.active_fellows(cohort).filter(programme=programme)
    mine = Booking.objects.filter(fellow=OuterRef("user"), cohort=OuterRef("cohort"))
    return (
        fellows.select_related("user", "cohort")
        .annotate(
            booked=count_of(mine.filter(status=Status.BOOKED), "fellow"),
            held=count_of(mine.filter(status=Status.HELD), "fellow"),
            no_shows=count_of(mine.filter(status=Status.NO_SHOW), "fellow"),
            cancelled=count_of(mine.filter(status=Status.CANCELLED), "fellow"),
            mentors_met=Coalesce(
                Subquery(
                    mine.filter(status=Status.HELD)
                    .order_by()
                    .values("fellow")
                    .annotate(n=Count("slot__mentor", distinct=True))
                    .values("n"),
                    output_field=IntegerField(),
                ),
                Value(0),
            ),
        )
        .order_by("cohort__name", "user__name")
    )


def fellows_not_booked(programme: Programme, cohort=None) -> QuerySet[Membership]:
    any_booking = Booking.objects.filter(fellow=OuterRef("user"), cohort=OuterRef("cohort"))
    fellows = Membership.objects.active_fellows(cohort).filter(programme=programme)
    return (
        fellows.exclude(Exists(any_booking))
        .select_related("user", "cohort")
        .order_by("cohort__name", "user__name")
    )


def uptake_by_mentor(
    programme: Programme, cohort=None, *, now: datetime.datetime
) -> list[Membership]:
    """Each active mentor with slots offered, unused slots, bookings by status and mean
    rating: two queries grouped by mentor, however many slots and bookings lie behind."""
    used = Booking.objects.filter(slot=OuterRef("pk")).exclude(status=Status.CANCELLED)
    slots = (
        Slot.objects.filter(programme=programme, cancelled_at__isnull=True)
        .annotate(in_use=Exists(used))
        .values("mentor_id")
        .annotate(offered=Count("pk"), unused=Count("pk", filter=Q(ends_at__lt=now, in_use=False)))
        .order_by()
    )
    bookings = Booking.objects.filter(slot__programme=programme)
    if cohort is not None:
        bookings = bookings.filter(cohort=cohort)
    booked = (
        bookings.values("slot__mentor_id")
        .annotate(
            booked=Count("pk", filter=Q(status=Status.BOOKED)),
            held=Count("pk", filter=Q(status=Status.HELD)),
            no_shows=Count("pk", filter=Q(status=Status.NO_SHOW)),
            ratings=Count("fellow_rating"),
            mean_rating=Avg("fellow_rating"),
        )
        .order_by()
    )
    counts = {row.pop("mentor_id"): row for row in slots}
    for row in booked:
        counts.setdefault(row.pop("slot__mentor_id"), {}).update(row)
    mentors = list(
        Membership.objects.active_mentors(programme).select_related("user").order_by("user__name")
    )
    none = {"offered": 0, "unused": 0, "booked": 0, "held": 0, "no_shows": 0, "ratings": 0}
    for mentor in mentors:
        for name, value in (none | {"mean_rating": None} | counts.get(mentor.user_id, {})).items():
            setattr(mentor, name, value)
    return mentors


def bookings_of_programme(programme: Programme, cohort: Cohort | None) -> QuerySet[Booking]:
    """Every booking with the programme's mentors (one cohort's if given), oldest first,
    with the people it names loaded in the same query."""
    bookings = Booking.objects.filter(slot__programme=programme).select_related(
        "slot__mentor", "fellow", "cohort", "cancelled_by"
    )
    if cohort is not None:
        bookings = bookings.filter(cohort=cohort)
    return bookings.order_by("starts_at", "pk")
