"""The people of a cohort, and of a programme, one row a role."""

from django.db.models import Case, F, IntegerField, Q, Value, When

from accounts.models import Cohort, Membership, Programme
from cohorts.models import LearningSetMember
from cohorts.selectors.cohorts import ROLE_ORDER

HEADER = ["Role", "Name", "Email", "Job title", "Organisation"]

_ROLE_RANK = Case(
    *[When(role=role, then=Value(rank)) for rank, role in enumerate(ROLE_ORDER)],
    output_field=IntegerField(),
)


def _people(memberships):
    return (
        memberships.filter(is_active=True)
        .select_related("user", "cohort")
        .annotate(role_rank=_ROLE_RANK)
        .order_by("role_rank", "user__name", "pk")
    )


def cohort_people_table(cohort: Cohort):
    """The cohort's members and the programme's advisers and mentors, as on its page."""
    members = _people(
        Membership.objects.filter(programme_id=cohort.programme_id).filter(
            Q(cohort=cohort) | Q(cohort__isnull=True)
        )
    )
    sets = dict(
        LearningSetMember.objects.filter(cohort=cohort).values_list(
            "fellow_id", "learning_set__name"
        )
    )
    rows = (
        [
            membership.get_role_display(),
            membership.user.name,
            membership.user.email,
            membership.job_title,
            membership.organisation,
            sets.get(membership.user_id, "") if membership.cohort_id else "",
        ]
        for membership in members.iterator(chunk_size=500)
    )
    return [*HEADER, "Learning set"], rows


def programme_people_table(programme: Programme):
    """Everyone active in the programme: its advisers and mentors, and each cohort's people."""
    members = _people(Membership.objects.filter(programme=programme)).order_by(
        F("cohort__starts_on").asc(nulls_first=True),
        "cohort__name",
        "role_rank",
        "user__name",
        "pk",
    )
    rows = (
        [
            membership.cohort.name if membership.cohort_id else "Whole programme",
            membership.get_role_display(),
            membership.user.name,
            membership.user.email,
            membership.job_title,
            membership.organisation,
        ]
        for membership in members.iterator(chunk_size=500)
    )
    return ["Cohort", *HEADER], rows
