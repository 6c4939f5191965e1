"""Demo projects: a plausible year of progress for every fellow. Idempotent.

Each fellow's story is drawn from a random generator seeded by their place in
the cohort, so the demo is the same every time it is loaded. Dates are relative
to today, so the running cohort has fellows who have gone quiet, fellows who
are red twice in a row, and overdue milestones.
"""

import datetime
import random

from django.utils import timezone

from accounts.models import Membership, Role
from cohorts.models import Theme
from core.clock import LONDON
from projects.models import (
    Comment,
    EvidenceLink,
    ImpactStatement,
    Milestone,
    ProgressEntry,
    ProgressEntryRevision,
    Project,
    Rag,
    ShowcasePlace,
    ShowcaseSchedule,
)
from seeding.demo.projects.catalogue import PROJECT_THEMES, PROJECTS, SPONSORS
from seeding.demo.projects.progress import (
    BLOCKERS,
    COMMENTS_BY_RAG,
    EVIDENCE,
    HAPPENED,
    MILESTONES,
    NEXT_STEPS,
    RED_TWICE_COMMENT,
)

# Positions in the running cohort with a story worth seeing on the board.
QUIET = {5, 11, 17, 22}
RED_TWICE = {3, 9, 15}
LATE_MILESTONES = {2, 6, 9, 14, 19}
PRESENTING = 16


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, 30), tzinfo=LONDON)


def rag_walk(rng: random.Random, count: int) -> list[str]:
    """Mostly green and amber, sometimes red, as a project really goes."""
    rags, state = [], rng.choice([Rag.GREEN, Rag.GREEN, Rag.AMBER])
    for _ in range(count):
        roll = rng.random()
        if state == Rag.GREEN:
            state = Rag.AMBER if roll < 0.2 else Rag.GREEN
        elif state == Rag.AMBER:
            state = Rag.GREEN if roll < 0.45 else Rag.RED if roll < 0.6 else Rag.AMBER
        else:
            state = Rag.AMBER if roll < 0.6 else Rag.RED
        rags.append(state)
    return rags


def _entry_dates(rng, start: datetime.date, last: datetime.date) -> list[datetime.date]:
    dates, day = [], start + datetime.timedelta(days=10 + rng.randint(0, 6))
    while day <= last:
        dates.append(day)
        day += datetime.timedelta(days=14 + rng.randint(-3, 3))
    return dates


def _story(world, cohort, index, fellow, project, today, now):
    """Entries, milestones and comments for one project (not yet saved)."""
    rng = random.Random(f"{cohort.starts_on}-{index}")
    running = cohort == world.running
    last = min(today, cohort.ends_on)
    if running and index in QUIET:
        last = today - datetime.timedelta(days=25 + rng.randint(0, 20))
    dates = _entry_dates(rng, cohort.starts_on, last)
    if running and index == 0:  # fellow@example.org: a recent entry they can still change
        dates = [d for d in dates if d < today - datetime.timedelta(days=10)]
        dates.append(today - datetime.timedelta(days=2))
    rags = rag_walk(rng, len(dates))
    if running and index in RED_TWICE and len(rags) >= 2:
        rags[-2:] = [Rag.RED, Rag.RED]
    entries = []
    for day, rag in zip(dates, rags, strict=True):
        created = min(_at(day, 17), now)
        entries.append(
            ProgressEntry(
                project=project,
                author=fellow,
                happened_on=day,
                what_happened=rng.choice(HAPPENED[rag]),
                rag=rag,
                blockers=rng.choice(BLOCKERS[rag]),
                next_steps=rng.choice(NEXT_STEPS),
                created=created,
            )
        )
    milestones = []
    for number, (title, offset) in enumerate(MILESTONES):
        due = cohort.starts_on + datetime.timedelta(days=offset)
        late = running and index in LATE_MILESTONES and number in (1, 2)
        done = None if late or due >= today else due + datetime.timedelta(days=rng.randint(-7, 7))
        milestones.append(
            Milestone(project=project, title=title, due_on=due, done_on=done and min(done, today))
        )
    return entries, milestones


def _comments(world, entries, now, rng) -> list[Comment]:
    """Advisers' comments on some entries (`entries` oldest first), worded for each RAG."""
    comments = []
    for number, entry in enumerate(entries):
        if entry.rag == Rag.GREEN and rng.random() > 0.15:
            continue
        if rng.random() > 0.5:
            continue
        created = min(entry.created + datetime.timedelta(days=1, hours=2), now)
        red_twice = entry.rag == Rag.RED and number and entries[number - 1].rag == Rag.RED
        comments.append(
            Comment(
                entry=entry,
                author=rng.choice(world.advisers),
                body=RED_TWICE_COMMENT if red_twice else rng.choice(COMMENTS_BY_RAG[entry.rag]),
                created=created,
                read_at=created + datetime.timedelta(hours=20),
                emailed_at=created,
            )
        )
    return comments


def _fellow_at_home(world, project, entries, now) -> list[Comment]:
    """fellow@example.org: two unread comments and an entry that has been changed once."""
    latest, previous = entries[-1], entries[-2]
    latest.what_happened = (
        "Demonstrated the remote monitoring dashboard to the consultants; two wards "
        "want to join the pilot next month."
    )
    latest.rag = Rag.AMBER
    latest.blockers = "Still waiting for the data sharing agreement with the GP federation."
    latest.save(update_fields=["what_happened", "rag", "blockers"])
    ProgressEntryRevision.objects.create(
        entry=latest,
        edited_by=project.fellow,
        edited_at=latest.created + datetime.timedelta(hours=3),
        happened_on=latest.happened_on,
        what_happened="Demonstrated the dashboard to the consultants.",
        rag=Rag.GREEN,
        blockers="",
        next_steps=latest.next_steps,
    )
    return [
        Comment(
            entry=latest,
            author=world.advisers[0],
            body="The data sharing agreement is a common blocker. The ICB's IG lead can help: "
            "shall I introduce you?",
            created=now - datetime.timedelta(hours=20),
            emailed_at=now - datetime.timedelta(hours=20),
        ),
        Comment(
            entry=previous,
            author=world.advisers[1],
            body="Good to see the consultants on board. Keep a note of the numbers for your "
            "showcase statement.",
            created=now - datetime.timedelta(days=3),
            emailed_at=now - datetime.timedelta(days=3),
        ),
    ]


def _impact(project, rng) -> list[ImpactStatement]:
    statements = [
        ImpactStatement(
            project=project,
            kind=ImpactStatement.Kind.SHOWCASE,
            what_changed=f"{project.title} went live and is now part of how the service works.",
            for_whom="Patients, their carers and the clinical teams who look after them.",
            how_measured="Before and after figures from the trust's data warehouse, and a "
            "survey of 60 staff.",
            will_it_last="Funded in next year's budget, with a named service owner.",
        )
    ]
    if rng.random() < 0.7:
        statements.append(
            ImpactStatement(
                project=project,
                kind=ImpactStatement.Kind.FOLLOW_UP,
                what_changed="Six months on, the service has been extended to two more sites.",
                for_whom="Patients across the integrated care system.",
                how_measured="Monthly reporting to the digital board.",
                will_it_last="Yes: it is in the ICS digital strategy and the team has grown.",
            )
        )
    return statements


def _status(world, cohort, index) -> str:
    if cohort == world.completed:
        return Project.Status.COMPLETED
    return {20: Project.Status.PAUSED, 21: Project.Status.PLANNING}.get(
        index, Project.Status.IN_PROGRESS
    )


def _memberships(cohort) -> dict[int, Membership]:
    rows = Membership.objects.filter(cohort=cohort, role=Role.FELLOW)
    return {membership.user_id: membership for membership in rows}


def seed(world) -> None:
    today, now = timezone.localdate(), timezone.now()
    for offset, cohort in enumerate(world.cohorts):
        existing = set(Project.objects.filter(cohort=cohort).values_list("fellow_id", flat=True))
        memberships = _memberships(cohort)
        fellows = world.fellows_of(cohort)
        new = []
        for index, fellow in enumerate(fellows):
            if fellow.pk in existing:
                continue
            title, summary = PROJECTS[(offset * 24 + index) % len(PROJECTS)]
            sponsor = SPONSORS[index % len(SPONSORS)]
            membership = memberships.get(fellow.pk)
            new.append(
                (
                    index,
                    Project(
                        cohort=cohort,
                        fellow=fellow,
                        title=title,
                        summary=summary,
                        problem=f"{summary} Today this depends on paper, phone calls and "
                        "goodwill, and patients wait.",
                        intended_outcomes="Shorter waits, fewer avoidable admissions and "
                        "time given back to clinical staff.",
                        organisation=membership.organisation if membership else "",
                        sponsor_name=sponsor[0],
                        sponsor_role=sponsor[1],
                        status=_status(world, cohort, index),
                    ),
                )
            )
        if new:
            Project.objects.bulk_create([project for _, project in new])
            _seed_stories(world, cohort, new, today, now)
    _tag_themes(world)


def _tag_themes(world) -> None:
    """Tag projects that have no themes yet (also those of a demo loaded before themes)."""
    themes = {theme.name: theme for theme in Theme.objects.filter(programme=world.programme)}
    untagged = Project.objects.filter(cohort__in=world.cohorts, themes__isnull=True)
    Through = Project.themes.through
    Through.objects.bulk_create(
        Through(project_id=project_id, theme=themes[name])
        for project_id, title in untagged.values_list("pk", "title")
        for name in PROJECT_THEMES.get(title, [])
        if name in themes
    )


def _seed_stories(world, cohort, new, today, now) -> None:
    stories = []
    all_entries, all_milestones = [], []
    for index, project in new:
        entries, milestones = _story(world, cohort, index, project.fellow, project, today, now)
        stories.append((index, project, entries))
        all_entries += entries
        all_milestones += milestones
    ProgressEntry.objects.bulk_create(all_entries)
    Milestone.objects.bulk_create(all_milestones)

    comments, links, statements = [], [], []
    rng = random.Random(f"comments-{cohort.starts_on}")
    for index, project, entries in stories:
        comments += _comments(world, entries, now, rng)
        for number, entry in enumerate(entries):
            if number % 3 == 1:
                label, url = EVIDENCE[(index + number) % len(EVIDENCE)]
                links.append(EvidenceLink(entry=entry, url=url, label=label))
        if cohort == world.running and index == 0 and len(entries) >= 2:
            comments += _fellow_at_home(world, project, entries, now)
        if cohort == world.completed:
            statements += _impact(project, rng)
    Comment.objects.bulk_create(comments)
    EvidenceLink.objects.bulk_create(links)
    ImpactStatement.objects.bulk_create(statements)
    if cohort == world.completed and not ShowcasePlace.objects.filter(cohort=cohort).exists():
        presenting = [project for _, project, _ in stories][:PRESENTING]
        ShowcasePlace.objects.bulk_create(
            ShowcasePlace(cohort=cohort, project=project, position=position)
            for position, project in enumerate(presenting, start=1)
        )
    if cohort == world.completed:  # the showcase session runs 14:00 to 18:00
        ShowcaseSchedule.objects.get_or_create(
            cohort=cohort, defaults={"starts_at": datetime.time(14, 15), "slot_minutes": 12}
        )
