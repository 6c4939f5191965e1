"""The advisers' board: every project of a cohort with its figures, filtered and sorted
in SQL, and the cohorts an adviser can choose between."""

import datetime

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from accounts.models import Cohort, Membership
from accounts.roles import roles_of
from projects.models import Project
from projects.selectors.projects import QUIET_DAYS, with_progress

# The board's sort keys: name in the query string -> the fields it orders by.
BOARD_SORTS = {
    "fellow": ["fellow__name"],
    "project": ["title"],
    "status": ["status"],
    "rag": ["rag_rank"],
    "last_entry": ["last_entry_on"],
    "overdue": ["overdue_milestones"],
}
BOARD_FLAGS = {
    "attention": "Any flag",
    "quiet": f"No entry in {QUIET_DAYS} days",
    "red_twice": "Red twice in a row",
    "overdue": "Overdue milestones",
}


def board(
    cohort: Cohort,
    *,
    today: datetime.date,
    sort: str = "fellow",
    descending: bool = False,
    rag: str = "",
    flag: str = "",
    status: str = "",
) -> QuerySet[Project]:
    """Every project of a cohort with its figures, filtered and sorted in SQL."""
    projects = with_progress(
        Project.objects.filter(cohort=cohort).select_related("fellow"), today=today
    )
    if rag == "none":
        projects = projects.filter(latest_rag__isnull=True)
    elif rag:
        projects = projects.filter(latest_rag=rag)
    if status:
        projects = projects.filter(status=status)
    if flag == "quiet":
        projects = projects.filter(is_quiet=True)
    elif flag == "red_twice":
        projects = projects.filter(is_red_twice=True)
    elif flag == "overdue":
        projects = projects.filter(overdue_milestones__gt=0)
    elif flag == "attention":
        projects = projects.filter(Q(is_quiet=True) | Q(is_red_twice=True))
    order = [
        F(name).desc(nulls_last=True) if descending else F(name).asc(nulls_first=True)
        for name in BOARD_SORTS.get(sort, BOARD_SORTS["fellow"])
    ]
    return projects.order_by(*order, "fellow__name", "pk")


def fellows_without_project(cohort: Cohort) -> QuerySet[Membership]:
    return (
        Membership.objects.active_fellows(cohort)
        .exclude(Exists(Project.objects.filter(cohort=cohort, fellow=OuterRef("user"))))
        .select_related("user")
        .order_by("user__name")
    )


def cohorts_advised_by(user) -> QuerySet[Cohort]:
    return (
        Cohort.objects.filter(programme_id__in=roles_of(user).adviser_programmes)
        .select_related("programme")
        .annotate(project_count=Count("projects"))
        .order_by("programme__name", "-starts_on")
    )
