"""Learning sets: who may open which, who facilitates or sits in them, and their meetings."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Cohort, Membership, Role
from accounts.roles import roles_of
from cohorts.models import LearningSet, LearningSetMember, Session
from core.db import count_of


def _active_members_count(learning_set_id: OuterRef) -> Coalesce:
    """How many of a set's fellows are still active fellows of its cohort (as the set's
    own page lists them)."""
    active = Membership.objects.filter(
        cohort_id=OuterRef("cohort_id"),
        user_id=OuterRef("fellow_id"),
        role=Role.FELLOW,
        is_active=True,
    )
    members = LearningSetMember.objects.filter(learning_set=learning_set_id).filter(Exists(active))
    return count_of(members, "learning_set")


def learning_sets_visible_to(user) -> QuerySet[LearningSet]:
    """Sets the person may open: the `cohorts.view_learning_set` rule as a query."""
    roles = roles_of(user)
    own = LearningSetMember.objects.filter(
        fellow=user.pk, cohort_id__in=roles.fellow_cohorts
    ).values("learning_set_id")
    return LearningSet.objects.filter(
        Q(cohort__programme_id__in=roles.adviser_programmes)
        | Q(facilitator=user.pk, cohort_id__in=roles.facilitator_cohorts)
        | Q(pk__in=own)
    )


def learning_sets_facilitated_by(user) -> QuerySet[LearningSet]:
    """Sets the person facilitates, in cohorts where they are still a facilitator."""
    return (
        LearningSet.objects.filter(
            facilitator=user, cohort_id__in=roles_of(user).facilitator_cohorts
        )
        .select_related("cohort", "cohort__programme")
        .annotate(member_count=_active_members_count(OuterRef("pk")))
        .order_by("cohort__name", "name")
    )


def fellows_in_sets_of(user) -> QuerySet[LearningSetMember]:
    """`fellow_id`s of the fellows in the person's sets: the `facilitates_fellow` rule
    as a subquery, for other apps' lists."""
    return LearningSetMember.objects.filter(
        learning_set__facilitator=user.pk, cohort_id__in=roles_of(user).facilitator_cohorts
    ).values("fellow_id")


def next_meetings_of(learning_sets, *, limit: int = 5) -> list[Session]:
    return list(
        Session.objects.filter(learning_set__in=learning_sets, ends_at__gte=timezone.now())
        .select_related("learning_set", "cohort")
        .order_by("starts_at", "pk")[:limit]
    )


def learning_sets_of(cohort: Cohort) -> QuerySet[LearningSet]:
    return cohort.learning_sets.select_related("facilitator").order_by("name")


def learning_set_places_of(user) -> QuerySet[LearningSetMember]:
    """The sets a fellow is in, one per cohort where they are an active fellow."""
    return (
        LearningSetMember.objects.filter(fellow=user, cohort_id__in=roles_of(user).fellow_cohorts)
        .select_related("learning_set", "learning_set__facilitator", "cohort")
        .annotate(member_count=_active_members_count(OuterRef("learning_set_id")))
        .order_by("cohort__starts_on")
    )
