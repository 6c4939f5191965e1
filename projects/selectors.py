"""Reads shared by views, the home page and tasks.

Lists are filtered by the same rules as the detail pages, and every figure on
the board is computed in SQL, so a page's query count never grows with data.
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from accounts.models import Cohort, Membership, Role
from accounts.roles import roles_of
from accounts.selectors import is_active_fellow
from cohorts.models import LearningSet, LearningSetMember, Theme
from core.db import count_of
from projects.models import (
    Comment,
    ImpactStatement,
    Milestone,
    ProgressEntry,
    ProgressEntryRevision,
    Project,
    Rag,
    ShowcasePlace,
)

# The board flags a project with no entry for this long.
QUIET_DAYS = 21
# A fellow is nudged after this long without an entry, and at most this often.
NUDGE_DAYS = 14

# Completed and paused projects are expected to be quiet; nobody is flagged or nudged.
ACTIVE_STATUSES = [Project.Status.PLANNING, Project.Status.IN_PROGRESS]
RAG_RANK = {Rag.RED: 3, Rag.AMBER: 2, Rag.GREEN: 1}


def _entries_latest_first():
    return ProgressEntry.objects.filter(project=OuterRef("pk")).order_by(
        "-happened_on", "-created", "-pk"
    )


def _last_activity_on():
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
            last_activity_on=_last_activity_on(),
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


def entry_page(entry: ProgressEntry) -> ProgressEntry:
    return (
        ProgressEntry.objects.filter(pk=entry.pk)
        .select_related("project__cohort__programme", "project__fellow", "author")
        .prefetch_related(
            "evidence_links",
            Prefetch("comments", queryset=Comment.objects.select_related("author")),
            Prefetch(
                "revisions", queryset=ProgressEntryRevision.objects.select_related("edited_by")
            ),
        )
        .get()
    )


@dataclass(frozen=True)
class TimelineItem:
    date: datetime.date
    entry: ProgressEntry | None = None
    milestone: Milestone | None = None


def timeline_entries(project: Project) -> QuerySet[ProgressEntry]:
    """The project's entries newest first, with what the timeline shows of each."""
    return project.entries.order_by("-happened_on", "-created", "-pk").prefetch_related(
        "evidence_links",
        Prefetch("comments", queryset=Comment.objects.select_related("author")),
    )


def timeline(project: Project, page) -> list[TimelineItem]:
    """One page of what has happened, newest first: the page's entries (`page` of
    `timeline_entries`), and the milestones done or missed in the stretch of time they cover.

    A page covers from its oldest entry up to the next page's newest; the first page runs
    on to today and the last back to the start, so every milestone shows on exactly one page.
    Milestones still ahead are left to the milestones table. Uses the prefetched milestones.
    """
    today = timezone.localdate()
    entries = list(page)
    newest = today
    if page.has_previous():
        # The oldest entry of the page before: one row, by position.
        newest = timeline_entries(project).values_list("happened_on", flat=True)[
            page.start_index() - 2
        ]
    oldest = entries[-1].happened_on if entries and page.has_next() else None
    items = [TimelineItem(entry.happened_on, entry=entry) for entry in entries]
    for milestone in project.milestones.all():
        when = milestone.done_on or milestone.due_on
        in_range = when <= today and (oldest is None or when >= oldest)
        if in_range and (not page.has_previous() or when < newest):
            items.append(TimelineItem(when, milestone=milestone))
    return sorted(items, key=lambda item: (item.date, item.entry is not None), reverse=True)


@dataclass(frozen=True)
class TrendPoint:
    happened_on: datetime.date
    rag: str
    label: str
    x: int
    y: int
    height: int


@dataclass(frozen=True)
class Trend:
    """The RAG status of the latest entries, oldest first, as bars of an SVG chart, and the
    count of each status over all `total` entries."""

    points: list[TrendPoint]
    width: int
    height: int
    counts: dict[str, int]
    total: int

    @property
    def first(self) -> TrendPoint | None:
        return self.points[0] if self.points else None

    @property
    def last(self) -> TrendPoint | None:
        return self.points[-1] if self.points else None


TREND_POINTS = 40  # bars in the chart: beyond that a bar is too thin to read
TREND_BAR = 12
TREND_GAP = 4
TREND_HEIGHT = 48
_TREND_LEVEL = {Rag.GREEN: 1, Rag.AMBER: 2, Rag.RED: 3}


def rag_trend(entries: list[ProgressEntry], counted: dict[str, int]) -> Trend:
    """One bar per entry, taller the more trouble it reports (not only its colour);
    `counted` is the number of entries of each RAG status, `entries` perhaps only the latest.
    """
    points = []
    for index, entry in enumerate(sorted(entries, key=lambda e: (e.happened_on, e.created))):
        height = TREND_HEIGHT * _TREND_LEVEL[entry.rag] // 3
        points.append(
            TrendPoint(
                happened_on=entry.happened_on,
                rag=entry.rag,
                label=entry.get_rag_display(),
                x=index * (TREND_BAR + TREND_GAP),
                y=TREND_HEIGHT - height,
                height=height,
            )
        )
    return Trend(
        points=points,
        width=max(len(points) * (TREND_BAR + TREND_GAP) - TREND_GAP, TREND_BAR),
        height=TREND_HEIGHT,
        counts={label: counted.get(rag, 0) for rag, label in Rag.choices},
        total=sum(counted.values()),
    )


def project_trend(project: Project) -> Trend:
    """The project's RAG trend: its latest entries as bars, and counts over them all."""
    latest = project.entries.only("project_id", "happened_on", "created", "rag").order_by(
        "-happened_on", "-created", "-pk"
    )[:TREND_POINTS]
    counted = dict(project.entries.values_list("rag").annotate(n=Count("pk")).order_by())
    return rag_trend(list(latest), counted)


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
    """The fellow's project in their most recent cohort, with its latest progress."""
    cohorts = roles_of(user).fellow_cohorts
    if not cohorts:
        return None
    projects = Project.objects.filter(fellow=user, cohort_id__in=cohorts).select_related("cohort")
    return (
        with_latest(projects, today=timezone.localdate())
        .order_by("-cohort__starts_on", "-pk")
        .first()
    )


def unread_comments_for(user, *, limit: int = 10) -> list[Comment]:
    """Advisers' comments the fellow has not opened yet, newest first."""
    return list(
        Comment.objects.filter(
            read_at__isnull=True,
            entry__project__fellow=user,
            entry__project__cohort_id__in=roles_of(user).fellow_cohorts,
        )
        .select_related("author", "entry")
        .order_by("-created", "-pk")[:limit]
    )


def fellow_home_context(user) -> dict:
    """The fellow's section of the home page: their project and unread comments."""
    return {
        "my_project": current_project_of(user),
        "unread_comments": unread_comments_for(user),
    }


def impact_statement_of(project: Project, kind: str) -> ImpactStatement | None:
    return ImpactStatement.objects.filter(project=project, kind=kind).first()


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


def cohorts_advised_by(user) -> QuerySet[Cohort]:
    return (
        Cohort.objects.filter(programme_id__in=roles_of(user).adviser_programmes)
        .select_related("programme")
        .annotate(project_count=Count("projects"))
        .order_by("programme__name", "-starts_on")
    )


def projects_due_a_nudge(*, now: datetime.datetime) -> QuerySet[Project]:
    """Projects of running cohorts whose active fellow has logged nothing for a fortnight
    and has not been nudged, about this or any other project, in that time."""
    today = timezone.localdate(now)
    interval = datetime.timedelta(days=NUDGE_DAYS)
    nudged_lately = Project.objects.filter(
        fellow=OuterRef("fellow"), last_nudged_at__gt=now - interval
    )
    return (
        Project.objects.filter(
            cohort__status=Cohort.Status.RUNNING,
            status__in=ACTIVE_STATUSES,
        )
        .filter(is_active_fellow())
        .exclude(Exists(nudged_lately))
        .annotate(last_activity_on=_last_activity_on())
        .filter(last_activity_on__lte=today - interval)
    )


def comments_to_email() -> QuerySet[Comment]:
    """Comments whose fellow is still an active fellow of the project's cohort: one who
    has left keeps the comment on their project but is not emailed about it."""
    return Comment.objects.filter(
        is_active_fellow("entry__project__cohort", "entry__project__fellow"),
        entry__project__fellow__is_active=True,
    )


def comments_waiting_for_email(*, now: datetime.datetime) -> QuerySet[Comment]:
    """Comments whose email task never ran (say, the broker was down), from the last 2 days."""
    return comments_to_email().filter(
        emailed_at__isnull=True,
        read_at__isnull=True,
        created__lt=now - datetime.timedelta(minutes=15),
        created__gt=now - datetime.timedelta(days=2),
    )
