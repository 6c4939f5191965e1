"""Reads shared by views. Each list is filtered by the same roles the rules use."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from accounts.models import Cohort, Invitation, Membership, Programme, Role
from accounts.roles import roles_of


def is_active_fellow(cohort: str = "cohort", user: str = "fellow") -> Exists:
    """The outer row's person (field `user`) is still an active fellow of its cohort (field
    `cohort`): for lists that leave out people who have left."""
    return Exists(Membership.objects.active_fellows(OuterRef(cohort)).filter(user=OuterRef(user)))


def cohorts_visible_to(user) -> QuerySet[Cohort]:
    """Cohorts the person may open: the `accounts.view_cohort` rule as a query."""
    roles = roles_of(user)
    return Cohort.objects.filter(
        Q(programme_id__in=roles.adviser_programmes | roles.mentor_programmes)
        | Q(pk__in=roles.cohorts)
    )


def programmes_advised_by(user) -> QuerySet[Programme]:
    return Programme.objects.filter(pk__in=roles_of(user).adviser_programmes)


def with_member_counts(cohorts: QuerySet[Cohort]) -> QuerySet[Cohort]:
    active = Q(memberships__is_active=True)
    return cohorts.annotate(
        fellow_count=Count("memberships", filter=active & Q(memberships__role=Role.FELLOW)),
        facilitator_count=Count(
            "memberships", filter=active & Q(memberships__role=Role.FACILITATOR)
        ),
        member_count=Count("memberships", filter=active),
    )


def programmes_for_adviser_home(user) -> QuerySet[Programme]:
    """An adviser's programmes with their cohorts and member counts, in 2 queries."""
    active = Q(memberships__is_active=True, memberships__cohort__isnull=True)
    return (
        programmes_advised_by(user)
        .annotate(
            mentor_count=Count("memberships", filter=active & Q(memberships__role=Role.MENTOR)),
            adviser_count=Count("memberships", filter=active & Q(memberships__role=Role.ADVISER)),
        )
        .prefetch_related(
            Prefetch(
                "cohorts",
                queryset=with_member_counts(Cohort.objects.order_by("-starts_on")),
            )
        )
    )


def programme_people(programme: Programme) -> QuerySet[Membership]:
    """Programme-level members (advisers and mentors)."""
    return (
        Membership.objects.filter(programme=programme, cohort__isnull=True)
        .select_related("user")
        .order_by("role", "user__name")
    )


def pending_invitations(programme: Programme) -> QuerySet[Invitation]:
    return programme.invitations.pending().select_related("cohort", "invited_by")


def memberships_of(user, role: str) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user, role=role, is_active=True).select_related(
        "programme", "cohort"
    )


def active_roles_by_email(programme: Programme, emails) -> set[tuple[str, int | None, str]]:
    """(email, cohort id or None, role) of every active membership on the programme held
    by someone with one of `emails` (lower case): one query for a whole list."""
    return set(
        Membership.objects.filter(
            programme=programme, is_active=True, user__email__in=list(emails)
        ).values_list("user__email", "cohort_id", "role")
    )
