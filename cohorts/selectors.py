from django.db import models
from django.db.models import Count, QuerySet

from cohorts.models import LearningSet
from fellowship.accounts.models import Membership
from fellowship.accounts.roles import roles_of


def learning_sets_facilitated_by(user) -> QuerySet[LearningSet]:
    """Sets the person facilitates, in cohorts where they are still a facilitator."""
    return (
        LearningSet.objects.filter(
            facilitator=user, cohort_id__in=roles_of(user).facilitator_cohorts
        )
        .select_related("cohort", "cohort__programme")
        .annotate(member_count=Count("members"))
        .order_by("cohort__name", "name")
    )


def cohort_people(cohort) -> dict[str, list]:
    """Active cohort members grouped by role, plus the programme's advisers and mentors."""
    members = (
        Membership.objects.filter(programme_id=cohort.programme_id, is_active=True)
        .filter(models.Q(cohort=cohort) | models.Q(cohort__isnull=True))
        .select_related("user")
        .order_by("user__name")
    )
    grouped: dict[str, list] = {}
    for membership in members:
        grouped.setdefault(membership.role, []).append(membership)
    return grouped
