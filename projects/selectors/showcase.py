"""What fellows see of each other's projects: a cohort's gallery, a learning set's
projects, and the showcase's running order."""

from django.db.models import F, Prefetch, QuerySet

from accounts.models import Cohort
from accounts.selectors import is_active_fellow
from cohorts.models import LearningSet, LearningSetMember
from projects.models import ImpactStatement, Project, ShowcasePlace


def gallery(cohort: Cohort) -> QuerySet[Project]:
    """Title and summary of the project of each active fellow of a cohort (nothing else
    is loaded)."""
    return (
        Project.objects.filter(cohort=cohort)
        .filter(is_active_fellow())
        .select_related("fellow")
        .only("title", "summary", "organisation", "cohort_id", "fellow__name")
        .order_by("fellow__name", "pk")
    )


def showcase(cohort: Cohort) -> QuerySet[ShowcasePlace]:
    return (
        ShowcasePlace.objects.filter(cohort=cohort)
        .select_related("project", "project__fellow")
        .prefetch_related(
            Prefetch("project__impact_statements", queryset=ImpactStatement.objects.all())
        )
        .order_by("position")
    )


def cohort_projects_for_order(cohort: Cohort) -> QuerySet[Project]:
    return (
        Project.objects.filter(cohort=cohort)
        .select_related("fellow", "showcase_place")
        .order_by(F("showcase_place__position").asc(nulls_last=True), "fellow__name", "pk")
    )


def set_members_with_projects(learning_set: LearningSet) -> list[tuple]:
    """(fellow, project or None) for each member of a learning set who is still an active
    fellow, in two queries."""
    members = list(
        LearningSetMember.objects.filter(learning_set=learning_set)
        .filter(is_active_fellow())
        .select_related("fellow")
        .order_by("fellow__name")
    )
    projects = {
        project.fellow_id: project
        for project in Project.objects.filter(
            cohort_id=learning_set.cohort_id, fellow_id__in=[m.fellow_id for m in members]
        ).only("title", "summary", "fellow_id", "cohort_id")
    }
    return [(member.fellow, projects.get(member.fellow_id)) for member in members]
