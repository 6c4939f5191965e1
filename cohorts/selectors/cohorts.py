"""A cohort and its people: fellows with their sets, facilitators, members by role, counts."""

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.models import Cohort, Membership, Role, User
from accounts.roles import roles_of
from cohorts.models import IntakeInterview, LearningSetMember
from cohorts.selectors.learning_sets import learning_sets_visible_to
from cohorts.selectors.timetable import sessions_visible_to
from core.db import count_of

# The order a cohort's people are listed in, on its page and in its CSV.
ROLE_ORDER = [Role.FELLOW, Role.FACILITATOR, Role.MENTOR, Role.ADVISER, Role.REVIEWER]


def cohort_fellows(cohort: Cohort) -> QuerySet[Membership]:
    """Active fellows of a cohort with the id of their learning set (`set_id`)."""
    return (
        Membership.objects.active_fellows(cohort)
        .select_related("user")
        .annotate(
            set_id=Subquery(
                LearningSetMember.objects.filter(
                    cohort_id=cohort.pk, fellow_id=OuterRef("user_id")
                ).values("learning_set_id")[:1]
            )
        )
        .order_by("user__name", "pk")
    )


def cohort_facilitators(cohort: Cohort) -> QuerySet[User]:
    return User.objects.filter(
        memberships__cohort=cohort,
        memberships__role=Role.FACILITATOR,
        memberships__is_active=True,
    ).order_by("name")


def sees_only_own_set_members(user, cohort: Cohort) -> bool:
    """A facilitator who holds no other role here sees only their sets' members."""
    roles = roles_of(user)
    return (
        cohort.pk in roles.facilitator_cohorts
        and cohort.pk not in roles.fellow_cohorts | roles.reviewer_cohorts
        and cohort.programme_id not in roles.adviser_programmes | roles.mentor_programmes
    )


def cohort_people(cohort: Cohort, user=None) -> dict[str, list[Membership]]:
    """Active members grouped by role, with the programme's advisers and mentors."""
    members = (
        Membership.objects.filter(programme_id=cohort.programme_id, is_active=True)
        .filter(Q(cohort=cohort) | Q(cohort__isnull=True))
        .select_related("user")
        .order_by("user__name")
    )
    if user is not None and sees_only_own_set_members(user, cohort):
        own_sets = LearningSetMember.objects.filter(
            learning_set__facilitator=user, cohort=cohort
        ).values("fellow_id")
        members = members.exclude(Q(role=Role.FELLOW) & ~Q(user_id__in=own_sets))
    grouped: dict[str, list] = {}
    for membership in members:
        grouped.setdefault(membership.role, []).append(membership)
    return grouped


def cohort_with_counts(cohort_id: int, user) -> Cohort | None:
    """The cohort with counts of the sets and sessions the person may see (as the
    timetable lists them), the upcoming ones, and its interviews."""
    now = timezone.now()
    sessions = sessions_visible_to(user).filter(cohort=OuterRef("pk"))
    sets = learning_sets_visible_to(user).filter(cohort=OuterRef("pk"))
    return (
        Cohort.objects.select_related("programme")
        .annotate(
            set_count=count_of(sets, "cohort"),
            session_count=count_of(sessions, "cohort"),
            upcoming_count=count_of(sessions.filter(ends_at__gte=now), "cohort"),
            interview_count=count_of(
                IntakeInterview.objects.filter(cohort=OuterRef("pk")), "cohort"
            ),
        )
        .filter(pk=cohort_id)
        .first()
    )
