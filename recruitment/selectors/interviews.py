"""Reads about interviews: a round's slots with who booked them, and the free ones."""

import datetime

from django.conf import settings
from django.db.models import Avg, Count, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from accounts.roles import roles_of
from core.ical import CalendarEvent, uid_for
from recruitment.models import Application, InterviewBooking, InterviewScore, InterviewSlot


def round_slots(round) -> QuerySet[InterviewSlot]:
    """Every slot of the round, with the booked applicant and the panel's scores so far."""
    scores = InterviewScore.objects.filter(application=OuterRef("booking__application")).values(
        "application"
    )
    return (
        InterviewSlot.objects.filter(round=round)
        .select_related("booking__application__applicant")
        .annotate(
            panel_mean=Subquery(scores.annotate(mean=Avg("score")).values("mean")),
            panel_count=Subquery(scores.annotate(n=Count("pk")).values("n")),
        )
        .order_by("starts_at", "pk")
    )


def free_slots(round, *, now=None) -> QuerySet[InterviewSlot]:
    now = now or timezone.now()
    return InterviewSlot.objects.filter(
        round=round, starts_at__gt=now, booking__isnull=True
    ).order_by("starts_at", "pk")


def shortlisted_unbooked(round) -> QuerySet[Application]:
    return (
        Application.objects.filter(round=round, decision=Application.Decision.SHORTLISTED)
        .filter(interview__isnull=True)
        .select_related("applicant", "interview_invitation")
        .order_by("applicant__name", "pk")
    )


def panel_scores(application) -> QuerySet[InterviewScore]:
    return InterviewScore.objects.filter(application=application).select_related("by")


def interview_event(booking: InterviewBooking, *, for_panel: bool = False) -> CalendarEvent:
    """A booked interview as a calendar event. The panel's copy names the application by its
    reference only: calendars get shared."""
    slot, application = booking.slot, booking.application
    programme = application.round.cohort.programme
    if for_panel:
        summary = f"Interview: {application.reference}"
        path = reverse("recruitment:interview_panel", args=[application.pk])
    else:
        summary = f"Interview for {programme.name}"
        path = reverse("recruitment:interview_book", args=[application.pk])
    return CalendarEvent(
        uid=uid_for("interview", booking.pk),
        start=slot.starts_at,
        end=slot.ends_at,
        summary=summary,
        location=slot.place,
        description=f"Interview for a place in {application.round.cohort.name}. "
        f"{settings.SITE_URL}{path}",
        url=f"{settings.SITE_URL}{path}",
        attendee_emails=() if for_panel else (application.applicant.email,),
    )


def calendar_events_for(user) -> list[CalendarEvent]:
    """The person's own interview as an applicant, and the interviews of the rounds they
    run as an adviser, for their calendar feed."""
    advised = roles_of(user).adviser_programmes
    since = timezone.now() - datetime.timedelta(days=90)
    bookings = (
        InterviewBooking.objects.filter(slot__ends_at__gte=since)
        .filter(
            Q(application__applicant=user) | Q(application__round__cohort__programme_id__in=advised)
        )
        .select_related("slot", "application__applicant", "application__round__cohort__programme")
        .order_by("slot__starts_at")
    )
    return [
        interview_event(booking, for_panel=booking.application.applicant_id != user.pk)
        for booking in bookings
    ]
