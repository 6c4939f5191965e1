"""Reads about interviews: a round's slots with who booked them, and the free ones."""

from django.db.models import Avg, Count, OuterRef, QuerySet, Subquery
from django.utils import timezone

from recruitment.models import Application, InterviewScore, InterviewSlot


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
