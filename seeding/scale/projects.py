"""Projects, milestones, the progress log, advisers' comments, evidence, impact statements
and showcase places at national scale, inserted in bulk for `seed_scale` (after cohorts).

Nearly every fellow has a project. Progress entries add up to `ctx.n(200_000)`; running
cohorts get RUNNING_SHARE of them, so their projects have long logs (the project page is
tested at depth). Completed cohorts have impact statements and a showcase running order.
"""

import datetime

from django.utils import timezone

from accounts.models import Cohort
from core.clock import LONDON
from projects.models import (
    Comment,
    EvidenceLink,
    ImpactStatement,
    Milestone,
    ProgressEntry,
    Project,
    Rag,
    ShowcasePlace,
)
from seeding.demo.projects.catalogue import PROJECT_THEMES, PROJECTS, SPONSORS
from seeding.demo.projects.progress import (
    BLOCKERS,
    COMMENTS,
    EVIDENCE,
    HAPPENED,
    MILESTONES,
    NEXT_STEPS,
)
from seeding.demo.projects.stories import rag_walk
from seeding.scale.accounts import BATCH, ScaleContext, insert_rows, reserve_ids

UTC = datetime.UTC

ENTRIES = 200_000
RUNNING_SHARE = 0.7  # of the entries, when there are completed cohorts too
WITHOUT_PROJECT = 0.03  # fellows of running cohorts who have not started one yet
QUIET = 0.06  # running projects with no entry for the last 25 to 45 days
LATE = 0.1  # running projects with a milestone overdue
EVIDENCE_SHARE = 0.15
PRESENTING = 16  # places in a completed cohort's showcase


def seed(ctx: ScaleContext) -> None:
    today, now = timezone.localdate(), timezone.now()
    projects = _projects(ctx, now)
    _milestones(ctx, projects, today, now)
    entries = _entries(ctx, projects, today, now)
    _comments_and_evidence(ctx, projects, entries, now)
    _impact(ctx, projects, now)


def _at(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON).astimezone(
        UTC
    )


def _status(rng, cohort: Cohort) -> str:
    if cohort.status == Cohort.Status.COMPLETED:
        return Project.Status.COMPLETED
    roll = rng.random()
    if roll < 0.05:
        return Project.Status.PAUSED
    if roll < 0.12:
        return Project.Status.PLANNING
    return Project.Status.IN_PROGRESS


def _projects(ctx: ScaleContext, now) -> list[Project]:
    rng = ctx.rng
    projects = []
    for offset, cohort in enumerate(ctx.cohorts):
        running = cohort.status == Cohort.Status.RUNNING
        for index, fellow in enumerate(ctx.fellows[cohort.pk]):
            if running and rng.random() < WITHOUT_PROJECT:
                continue
            title, summary = PROJECTS[(offset * 24 + index) % len(PROJECTS)]
            sponsor_name, sponsor_role = SPONSORS[rng.randrange(len(SPONSORS))]
            project = Project(
                cohort=cohort,
                fellow_id=fellow,
                title=title,
                summary=summary,
                problem=f"{summary} Today this depends on paper, phone calls and goodwill, "
                "and patients wait.",
                intended_outcomes="Shorter waits, fewer avoidable admissions and time given "
                "back to clinical staff.",
                organisation=ctx.organisation.get(fellow, ""),
                sponsor_name=sponsor_name,
                sponsor_role=sponsor_role,
                status=_status(rng, cohort),
                created=now,
                updated=now,
            )
            # Set aside for the entries: the last day this project logged anything.
            project.quiet = running and rng.random() < QUIET
            projects.append(project)
    projects = Project.objects.bulk_create(projects, batch_size=BATCH)
    for project in projects:
        ctx.projects.setdefault(project.cohort_id, {})[project.fellow_id] = project.pk
    insert_rows(
        Project.themes.through,
        ["project_id", "theme_id"],
        (
            (project.pk, ctx.themes[project.cohort.programme_id][name])
            for project in projects
            for name in PROJECT_THEMES.get(project.title, [])
        ),
    )
    return projects


def _milestones(ctx: ScaleContext, projects: list[Project], today, now) -> None:
    rng = ctx.rng

    def rows():
        for project in projects:
            late = project.cohort.status == Cohort.Status.RUNNING and rng.random() < LATE
            for number, (title, offset) in enumerate(MILESTONES):
                due = project.cohort.starts_on + datetime.timedelta(days=offset)
                done = None
                if due < today and not (late and number in (1, 2)):
                    done = min(due + datetime.timedelta(days=rng.randint(-7, 7)), today)
                yield project.pk, title, due, done, now

    insert_rows(Milestone, ["project_id", "title", "due_on", "done_on", "created"], rows())


def entry_counts(ctx: ScaleContext, projects: list[Project]) -> list[int]:
    """How many entries each project gets: ctx.n(ENTRIES) in all, most in running cohorts."""
    total = ctx.n(ENTRIES)
    running = [p.cohort.status == Cohort.Status.RUNNING for p in projects]
    share = RUNNING_SHARE if 0 < sum(running) < len(projects) else float(any(running))
    weights = [ctx.rng.uniform(0.6, 1.4) for _ in projects]
    pools = {True: round(total * share), False: total - round(total * share)}
    counts = [0] * len(projects)
    for is_running, pool in pools.items():
        members = [i for i, r in enumerate(running) if r == is_running]
        if not members:
            continue
        weight = sum(weights[i] for i in members)
        for i in members:
            counts[i] = int(pool * weights[i] / weight)
        for k in range(pool - sum(counts[i] for i in members)):
            counts[members[k % len(members)]] += 1
    return counts


def _entries(ctx: ScaleContext, projects: list[Project], today, now) -> dict[int, list[tuple]]:
    """Insert the progress log; returns project id -> [(entry id, rag, created)]."""
    rng = ctx.rng
    counts = entry_counts(ctx, projects)
    ids = iter(reserve_ids(ProgressEntry, sum(counts)))
    made: dict[int, list[tuple]] = {}

    def rows():
        for project, count in zip(projects, counts, strict=True):
            cohort = project.cohort
            first = cohort.starts_on + datetime.timedelta(days=10)
            last = min(today, cohort.ends_on)
            if project.quiet:
                last = today - datetime.timedelta(days=rng.randint(25, 45))
            span = max(0, (last - first).days)
            days = sorted(rng.randint(0, span) for _ in range(count))
            log = made.setdefault(project.pk, [])
            for offset, rag in zip(days, rag_walk(rng, count), strict=True):
                day = first + datetime.timedelta(days=offset)
                created = min(_at(day, 17, rng.randint(0, 59)), now)
                entry_id = next(ids)
                log.append((entry_id, rag, created))
                yield (
                    entry_id,
                    project.pk,
                    project.fellow_id,
                    day,
                    HAPPENED[rag][rng.randrange(len(HAPPENED[rag]))],
                    rag,
                    BLOCKERS[rag][rng.randrange(len(BLOCKERS[rag]))],
                    NEXT_STEPS[rng.randrange(len(NEXT_STEPS))],
                    created,
                    created,
                )

    fields = [
        "id",
        "project_id",
        "author_id",
        "happened_on",
        "what_happened",
        "rag",
        "blockers",
        "next_steps",
        "created",
        "updated",
    ]
    insert_rows(ProgressEntry, fields, rows())
    return made


def _comments_and_evidence(ctx, projects, entries, now) -> None:
    rng = ctx.rng
    unread_after = now - datetime.timedelta(days=7)
    comments, links = [], []
    for project in projects:
        advisers = ctx.advisers[project.cohort.programme_id]
        for entry_id, rag, created in entries[project.pk]:
            if rng.random() < (0.06 if rag == Rag.GREEN else 0.45):
                at = min(created + datetime.timedelta(days=1, hours=2), now)
                read_at = None if at > unread_after else at + datetime.timedelta(hours=20)
                author = advisers[rng.randrange(len(advisers))]
                body = COMMENTS[rng.randrange(len(COMMENTS))]
                comments.append((entry_id, author, body, at, read_at, at))
            if rng.random() < EVIDENCE_SHARE:
                for position in range(1 if rng.random() < 0.8 else 2):
                    label, url = EVIDENCE[rng.randrange(len(EVIDENCE))]
                    links.append((entry_id, url, label, position))
    insert_rows(
        Comment, ["entry_id", "author_id", "body", "created", "read_at", "emailed_at"], comments
    )
    insert_rows(EvidenceLink, ["entry_id", "url", "label", "position"], links)


def _impact(ctx: ScaleContext, projects: list[Project], now) -> None:
    rng = ctx.rng
    statements, places = [], []
    position: dict[int, int] = {}
    for project in projects:
        if project.cohort.status != Cohort.Status.COMPLETED or rng.random() > 0.85:
            continue
        statements.append(
            (
                project.pk,
                ImpactStatement.Kind.SHOWCASE,
                f"{project.title} went live and is now part of how the service works.",
                "Patients, their carers and the clinical teams who look after them.",
                "Before and after figures from the trust's data warehouse, and a staff survey.",
                "Funded in next year's budget, with a named service owner.",
                now,
                now,
            )
        )
        if rng.random() < 0.5:
            statements.append(
                (
                    project.pk,
                    ImpactStatement.Kind.FOLLOW_UP,
                    "Six months on, the service has been extended to two more sites.",
                    "Patients across the integrated care system.",
                    "Monthly reporting to the digital board.",
                    "Yes: it is in the ICS digital strategy and the team has grown.",
                    now,
                    now,
                )
            )
        if position.get(project.cohort_id, 0) < PRESENTING:
            position[project.cohort_id] = position.get(project.cohort_id, 0) + 1
            places.append((project.cohort_id, project.pk, position[project.cohort_id]))
    fields = [
        "project_id",
        "kind",
        "what_changed",
        "for_whom",
        "how_measured",
        "will_it_last",
        "created",
        "updated",
    ]
    insert_rows(ImpactStatement, fields, statements)
    insert_rows(ShowcasePlace, ["cohort_id", "project_id", "position"], places)
