"""Themes, learning sets, timetables, attendance and intake interviews at national scale,
inserted in bulk for `seed_scale` (after the people stage).

Every cohort gets a teaching day about once a month, three workshops, a meeting of each
learning set every six weeks or so and a showcase near its end. Sessions up to now have
attendance; most fellows were interviewed before they started, with 1 to 3 goals each.
"""

import datetime

from django.utils import timezone

from accounts.models import Cohort
from cohorts.models import (
    Attendance,
    DevelopmentGoal,
    IntakeInterview,
    LearningSet,
    LearningSetMember,
    Session,
    Theme,
)
from core.clock import LONDON
from seeding.demo.cohorts import GOALS, HOPES, SET_MEETING_DAYS, THEMES, VENUES, WORKSHOPS
from seeding.scale.accounts import BATCH, ScaleContext, insert_rows

UTC = datetime.UTC

SET_NAMES = ["Thames", "Fleet", "Lea", "Wandle", "Severn", "Tyne", "Mersey", "Avon", "Trent"]
TOPICS = [
    "Welcome, and digital health in the NHS today",
    "User-centred design and service design",
    "Data, analytics and evidence of benefit",
    "Leading change in complex systems",
    "Clinical safety and interoperability",
    "Business cases and procurement",
    "Remote monitoring and virtual wards",
    "AI and automation, safely",
    "Health inequalities and digital inclusion",
    "Telling your project's story",
    "Sustaining and spreading impact",
]
TEACHING_DAY_EVERY = 30  # days: about monthly
SET_SIZE = 6  # sets are 4 to 8; aim for the middle
INTERVIEWED = 0.93  # share of fellows with an intake interview
LOW_ATTENDERS = 0.1  # share of fellows who come to fewer than three sessions in four


def seed(ctx: ScaleContext) -> None:
    now = timezone.now()
    _themes(ctx)
    _learning_sets(ctx)
    _sessions(ctx, now)
    _attendance(ctx, now)
    _interviews(ctx)


def _themes(ctx: ScaleContext) -> None:
    themes = Theme.objects.bulk_create(
        Theme(programme=programme, name=name) for programme in ctx.programmes for name in THEMES
    )
    for theme in themes:
        ctx.themes.setdefault(theme.programme_id, {})[theme.name] = theme.pk


def set_sizes(fellows: int) -> list[int]:
    """How many fellows go in each set: as even as can be, 4 to 8 when there are 4 or more."""
    count = max(1, round(fellows / SET_SIZE))
    while fellows / count > 8:
        count += 1
    while count > 1 and fellows / count < 4:
        count -= 1
    return [fellows // count + (1 if i < fellows % count else 0) for i in range(count)]


def _learning_sets(ctx: ScaleContext) -> None:
    now = timezone.now()
    sets, fellows_of_set = [], []
    for cohort in ctx.cohorts:
        fellows = list(ctx.fellows[cohort.pk])
        ctx.rng.shuffle(fellows)
        facilitators = ctx.facilitators[cohort.programme_id]
        position = 0
        for index, size in enumerate(set_sizes(len(fellows))):
            name = SET_NAMES[index % len(SET_NAMES)]
            if index >= len(SET_NAMES):
                name = f"{name} {index // len(SET_NAMES) + 1}"
            sets.append(
                LearningSet(
                    cohort=cohort,
                    name=name,
                    facilitator_id=facilitators[index % len(facilitators)],
                    created=now,
                )
            )
            fellows_of_set.append(fellows[position : position + size])
            position += size
    sets = LearningSet.objects.bulk_create(sets, batch_size=BATCH)
    rows = []
    for learning_set, fellows in zip(sets, fellows_of_set, strict=True):
        ctx.learning_sets.setdefault(learning_set.cohort_id, []).append(learning_set.pk)
        ctx.set_members[learning_set.pk] = fellows
        ctx.set_facilitator[learning_set.pk] = learning_set.facilitator_id
        rows += [(learning_set.pk, learning_set.cohort_id, fellow) for fellow in fellows]
    insert_rows(LearningSetMember, ["learning_set_id", "cohort_id", "fellow_id"], rows)


def _weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def _at(cohort: Cohort, days: int, start: tuple[int, int], end: tuple[int, int]):
    day = min(_weekday(cohort.starts_on + datetime.timedelta(days=days)), cohort.ends_on)
    return (
        datetime.datetime.combine(day, datetime.time(*start), tzinfo=LONDON).astimezone(UTC),
        datetime.datetime.combine(day, datetime.time(*end), tzinfo=LONDON).astimezone(UTC),
    )


def _timetable(cohort: Cohort, set_ids: list[int], now) -> list[Session]:
    slug = f"{cohort.programme_id}-{cohort.pk}"
    length = (cohort.ends_on - cohort.starts_on).days
    sessions = []

    def add(kind, title, when, learning_set_id=None, location="", online_link="", text=""):
        sessions.append(
            Session(
                cohort=cohort,
                kind=kind,
                title=title,
                starts_at=when[0],
                ends_at=when[1],
                location=location,
                online_link=online_link,
                description=text,
                learning_set_id=learning_set_id,
                created=now,
                updated=now,
            )
        )

    for number, days in enumerate(range(9, length - 30, TEACHING_DAY_EVERY)):
        add(
            Session.Kind.TEACHING_DAY,
            f"Teaching day {number + 1}: {TOPICS[number % len(TOPICS)]}",
            _at(cohort, days, (9, 30), (16, 30)),
            location=VENUES[number % len(VENUES)],
            text="Talks and practical sessions with people who have led digital change in "
            "the NHS. Lunch is provided.",
        )
    for number, (days, title) in enumerate(WORKSHOPS, start=1):
        add(
            Session.Kind.WORKSHOP,
            title,
            _at(cohort, days, (13, 0), (15, 0)),
            online_link=f"https://meet.example.org/pioneer-{slug}/workshop-{number}",
            text="A two-hour online workshop. Bring a draft to work on.",
        )
    for index, set_id in enumerate(set_ids):
        for number, days in enumerate(SET_MEETING_DAYS, start=1):
            online = number % 2 == 0
            add(
                Session.Kind.LEARNING_SET_MEETING,
                f"Learning set meeting {number}",
                _at(cohort, days + 2 * (index % 5), (14, 0), (16, 0)),
                learning_set_id=set_id,
                location="" if online else VENUES[0],
                online_link=f"https://meet.example.org/pioneer-{slug}/set-{set_id}"
                if online
                else "",
                text="Each fellow brings a challenge from their project; the set helps them "
                "think it through.",
            )
    add(
        Session.Kind.SHOWCASE,
        "Showcase: fellows present their impact",
        _at(cohort, length - 21, (14, 0), (18, 0)),
        location="Royal Society of Medicine, 1 Wimpole Street, London W1G 0AE",
        text="Fellows present what changed through their projects, for whom and how they know.",
    )
    return sessions


def _sessions(ctx: ScaleContext, now) -> None:
    sessions = []
    for cohort in ctx.cohorts:
        sessions += _timetable(cohort, ctx.learning_sets.get(cohort.pk, []), now)
    sessions = Session.objects.bulk_create(sessions, batch_size=BATCH)
    for session in sessions:
        ctx.sessions.setdefault(session.cohort_id, []).append(
            (session.pk, session.starts_at, session.ends_at, session.learning_set_id)
        )


def _attendance(ctx: ScaleContext, now) -> None:
    rng = ctx.rng
    cohort_of = {cohort.pk: cohort for cohort in ctx.cohorts}

    def rows():
        for cohort_id, sessions in ctx.sessions.items():
            fellows = ctx.fellows[cohort_id]
            low = {f for f in fellows if rng.random() < LOW_ATTENDERS}
            adviser = ctx.advisers[cohort_of[cohort_id].programme_id][0]
            for session_id, _, ends_at, set_id in sessions:
                if ends_at >= now:
                    continue
                expected = ctx.set_members[set_id] if set_id else fellows
                recorder = ctx.set_facilitator[set_id] if set_id else adviser
                for fellow in expected:
                    roll = rng.random()
                    present, apologies = (0.55, 0.75) if fellow in low else (0.86, 0.94)
                    status = (
                        Attendance.Status.PRESENT
                        if roll < present
                        else Attendance.Status.APOLOGIES
                        if roll < apologies
                        else Attendance.Status.ABSENT
                    )
                    yield session_id, fellow, status, recorder, ends_at

    insert_rows(
        Attendance, ["session_id", "fellow_id", "status", "recorded_by_id", "recorded_at"], rows()
    )


def _interviews(ctx: ScaleContext) -> None:
    rng = ctx.rng
    now = timezone.now()
    interviews = []
    for cohort in ctx.cohorts:
        advisers = ctx.advisers[cohort.programme_id]
        for index, fellow in enumerate(ctx.fellows[cohort.pk]):
            if rng.random() >= INTERVIEWED:
                continue
            interviews.append(
                IntakeInterview(
                    cohort=cohort,
                    fellow_id=fellow,
                    interviewer_id=advisers[index % len(advisers)],
                    held_on=cohort.starts_on - datetime.timedelta(days=rng.randint(5, 35)),
                    hopes=HOPES[rng.randrange(len(HOPES))],
                    motivation=IntakeInterview.Motivation.SENT
                    if rng.random() < 0.25
                    else IntakeInterview.Motivation.OWN_ACCORD,
                    starting_skilled=rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5)),
                    starting_connected=rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5)),
                    starting_inspired=rng.choice((2, 3, 3, 4, 4, 5)),
                    created=now,
                    updated=now,
                )
            )
    interviews = IntakeInterview.objects.bulk_create(interviews, batch_size=BATCH)
    programme_of = {cohort.pk: cohort.programme_id for cohort in ctx.cohorts}

    goals, names = [], []
    for interview in interviews:
        for position in range(rng.randint(1, 3)):
            text, theme_names = GOALS[rng.randrange(len(GOALS))]
            goals.append(DevelopmentGoal(interview=interview, text=text, position=position))
            names.append((programme_of[interview.cohort_id], theme_names))
    goals = DevelopmentGoal.objects.bulk_create(goals, batch_size=BATCH)
    insert_rows(
        DevelopmentGoal.themes.through,
        ["developmentgoal_id", "theme_id"],
        (
            (goal.pk, ctx.themes[programme][name])
            for goal, (programme, theme_names) in zip(goals, names, strict=True)
            for name in theme_names
        ),
    )
