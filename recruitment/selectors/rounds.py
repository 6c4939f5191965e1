"""Rounds as advisers and the public see them."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.roles import roles_of
from recruitment.models import Application, Round, SupportRequest

Status = Application.Status


def rounds_advised_by(user) -> QuerySet[Round]:
    """Rounds of the programmes the person advises, with their counts, in one query."""
    return (
        Round.objects.filter(cohort__programme_id__in=roles_of(user).adviser_programmes)
        .select_related("cohort__programme", "form")
        .annotate(
            drafts=Count("applications", filter=Q(applications__status=Status.DRAFT)),
            submitted=Count("applications", filter=Q(applications__status=Status.SUBMITTED)),
        )
        .order_by("cohort__programme__name", "-opens_at", "pk")
    )


def open_rounds() -> QuerySet[Round]:
    """Rounds anyone may apply to now, closing soonest first."""
    now = timezone.now()
    return (
        Round.objects.filter(opens_at__lte=now, closes_at__gt=now)
        .select_related("cohort__programme")
        .order_by("closes_at", "pk")
    )


def public_rounds() -> QuerySet[Round]:
    """Rounds whose public page exists: every round once it has opened."""
    return Round.objects.filter(opens_at__lte=timezone.now()).select_related("cohort__programme")


def round_counts(round_: Round) -> dict:
    return round_.applications.aggregate(
        drafts=Count("pk", filter=Q(status=Status.DRAFT)),
        submitted=Count("pk", filter=Q(status=Status.SUBMITTED)),
        support_confirmed=Count(
            "pk", filter=Q(status=Status.SUBMITTED, support__status=SupportRequest.Status.CONFIRMED)
        ),
    )
