"""A project with its progress figures, and the lookups that find a person's project.

Every figure is computed in SQL, so a page's query count never grows with data.
"""

import datetime

from django.db.models import (
    BooleanField,
    Case,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from accounts.models import Cohort, Membership, Role
from accounts.roles import roles_of
from cohorts.models import Theme
from core.db import count_of
from projects.models import ImpactStatement, Milestone, ProgressEntry, Project, Rag
from projects.selectors.comments import unread_comments_for

# The board flags a project with no entry for this long.
QUIET_DAYS = 21
# A fellow is nudged after this long without an entry, and at most this often; their home
# page says so from the same day.
NUDGE_DAYS = 14

# Completed and paused projects are expected to be quiet; nobody is flagged or nudged.
ACTIVE_STATUSES = [Project.Status.PLANNING, Project.Status.IN_PROGRESS]
RAG_RANK = {Rag.RED: 3, Rag.AMBER: 2, Rag.GREEN: 1}


def _entries_latest_first():
    return ProgressEntry.objects.filter(project=OuterRef("pk")).order_by(
        "-happened_on", "-created", "-pk"
    )


def last_activity_on():
    """The date of the last entry, or the day the project was set up if it has none."""
    return Coalesce(
        Subquery(_entries_latest_first().values("happened_on")[:1]), TruncDate("created")
    )


def with_latest(projects: QuerySet[Project], *, today: datetime.date) -> QuerySet[Project]:
    """Annotate each project with its latest RAG, last entry date and overdue milestones."""
    overdue = Milestone.objects.filter(
        project=OuterRef("pk"), done_on__isnull=True, due_on__lt=today
    )
    return projects.annotate(
        latest_rag=Subquery(_entries_latest_first().values("rag")[:1]),
        last_entry_on=Subquery(_entries_latest_first().values("happened_on")[:1]),
        overdue_milestones=count_of(overdue, "project"),
    )


def with_progress(projects: QuerySet[Project], *, today: datetime.date) -> QuerySet[Project]:
    """`with_latest`, and the board's flags: red twice, quiet, and a rank to sort by RAG."""
    quiet_before = today - datetime.timedelta(days=QUIET_DAYS)
    return (
        with_latest(projects, today=today)
        .annotate(
            previous_rag=Subquery(_entries_latest_first().values("rag")[1:2]),
            last_activity_on=last_activity_on(),
        )
        .annotate(
            rag_rank=Case(
                *[When(latest_rag=rag, then=Value(rank)) for rag, rank in RAG_RANK.items()],
                default=Value(0),
                output_field=IntegerField(),
            ),
            is_quiet=Case(
                When(
                    last_activity_on__lt=quiet_before, status__in=ACTIVE_STATUSES, then=Value(True)
                ),
                default=Value(False),
                output_field=BooleanField(),
            ),
            is_red_twice=Case(
                When(latest_rag=Rag.RED, previous_rag=Rag.RED, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
    )


def project_page(project: Project) -> Project:
    """A project with everything its page shows but its entries, which come a page at a time
    from `timeline_entries`."""
    return (
        with_progress(Project.objects.filter(pk=project.pk), today=timezone.localdate())
        .select_related("cohort", "cohort__programme", "fellow", "showcase_place")
        .prefetch_related(
            "milestones",
            "impact_statements",
            Prefetch("themes", queryset=Theme.objects.order_by("name")),
        )
        .get()
    )


def project_of(fellow, cohort: Cohort) -> Project | None:
    """The fellow's project in the cohort, if they have set one up."""
    return Project.objects.filter(cohort=cohort, fellow=fellow).first()


def organisation_of(fellow, cohort: Cohort) -> str:
    """The organisation the fellow gave when they joined the cohort."""
    membership = Membership.objects.filter(user=fellow, cohort=cohort, role=Role.FELLOW).first()
    return membership.organisation if membership else ""


def latest_fellow_cohort(user) -> Cohort | None:
    """The most recent cohort the person is an active fellow of."""
    cohorts = roles_of(user).fellow_cohorts
    if not cohorts:
        return None
    return Cohort.objects.filter(pk__in=cohorts).order_by("-starts_on", "-pk").first()


def current_project_of(user) -> Project | None:
    """The fellow's project in their most recent cohort, with its latest progress and
    `quiet` when it is due a nudge (then `quiet_days` since the last entry, or None when
    there is no entry yet)."""
    cohorts = roles_of(user).fellow_cohorts
    if not cohorts:
        return None
    today = timezone.localdate()
    projects = Project.objects.filter(fellow=user, cohort_id__in=cohorts).select_related("cohort")
    project = with_progress(projects, today=today).order_by("-cohort__starts_on", "-pk").first()
    if project is not None:
        due = today - datetime.timedelta(days=NUDGE_DAYS)
        project.quiet = project.status in ACTIVE_STATUSES and project.last_activity_on < due
        entry = project.quiet and project.last_entry_on is not None
        project.quiet_days = (today - project.last_entry_on).days if entry else None
    return project


def fellow_home_context(user) -> dict:
    """The fellow's section of the home page: their project and unread comments."""
    return {
        "my_project": current_project_of(user),
        "unread_comments": unread_comments_for(user),
    }


def impact_statement_of(project: Project, kind: str) -> ImpactStatement | None:
    return ImpactStatement.objects.filter(project=project, kind=kind).first()
