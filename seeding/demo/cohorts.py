"""Demo themes, learning sets, timetable, attendance and intake interviews. Idempotent.

Dates follow each cohort's own dates, so the running cohort has sessions both
behind and ahead of today.
"""

import datetime

from django.utils import timezone

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
from seeding.demo.bank_holidays import is_working_day

THEMES = [
    "User-centred design",
    "Data and analytics",
    "Leading change",
    "Clinical safety",
    "Interoperability",
    "Business cases",
    "Procurement",
    "Remote monitoring",
    "AI and automation",
    "Health inequalities",
]

SET_NAMES = ["Thames", "Fleet", "Lea", "Wandle"]

VENUES = [
    "Guy's Hospital, Great Maze Pond, London SE1 9RT",
    "The Francis Crick Institute, 1 Midland Road, London NW1 1AT",
]

# (days after the cohort starts, title)
TEACHING_DAYS = [
    (9, "Teaching day 1: Welcome, and digital health in the NHS today"),
    (40, "Teaching day 2: User-centred design and service design"),
    (95, "Teaching day 3: Data, analytics and evidence of benefit"),
    (155, "Teaching day 4: Leading change in complex systems"),
    (215, "Teaching day 5: Clinical safety and interoperability"),
    (275, "Teaching day 6: Business cases and procurement"),
    (330, "Teaching day 7: Sustaining and spreading impact"),
]
WORKSHOPS = [
    (66, "Workshop: Writing a benefits case"),
    (185, "Workshop: Presenting to your board"),
    (300, "Workshop: Telling your project's story"),
]
SET_MEETING_DAYS = [30, 75, 125, 175, 235, 290]

HOPES = [
    "To lead the move to electronic observations on our wards with the nurses, not to them.",
    "To build the case for remote monitoring of heart failure patients and see it through "
    "procurement.",
    "To understand our data well enough to show where digital tools widen inequalities.",
    "To gain confidence leading change beyond my own team, across the integrated care system.",
    "To learn how to design services with patients, and to measure whether they work.",
    "To make our referral pathways interoperable with primary care.",
    "To meet people who have done this before, and to stop reinventing what others have built.",
    "To take a safe, practical approach to AI in clinical documentation.",
]

# (goal, themes)
GOALS = [
    ("Run discovery with patients before choosing a system", ["User-centred design"]),
    ("Write a business case the finance committee will fund", ["Business cases"]),
    ("Build a dashboard that ward leaders use every day", ["Data and analytics"]),
    ("Become the clinical safety officer for our digital projects", ["Clinical safety"]),
    ("Lead a change across three organisations", ["Leading change"]),
    ("Connect our records with the GP system through FHIR", ["Interoperability"]),
    ("Run a fair procurement for remote monitoring", ["Procurement", "Remote monitoring"]),
    ("Pilot an AI scribe safely in outpatients", ["AI and automation", "Clinical safety"]),
    ("Show which groups our digital front door leaves out", ["Health inequalities"]),
    ("Measure the benefits of virtual wards", ["Remote monitoring", "Data and analytics"]),
]

# Starting points 1 to 5 cycle through these, so the spread looks like a real cohort.
STARTING = [2, 3, 3, 2, 4, 3, 1, 3, 2, 4, 3, 5]

# Fellows (by index in their cohort) who attend less than three sessions in four.
LOW_ATTENDERS = {"running": (5, 17), "completed": (9,)}
# Fellows of the running cohort not interviewed yet.
NOT_INTERVIEWED = 4


def seed(world) -> None:
    themes = programme_themes(world.programme)
    for cohort in world.cohorts:
        fellows = world.fellows_of(cohort)
        sets = _learning_sets(world, cohort, fellows)
        sessions = _sessions(cohort, sets)
        label = "running" if cohort == world.running else "completed"
        _attendance(world, cohort, sessions, fellows, LOW_ATTENDERS[label])
        interviewed = fellows[:-NOT_INTERVIEWED] if cohort == world.running else fellows
        _interviews(world, cohort, interviewed, themes)


def programme_themes(programme) -> dict[str, Theme]:
    """The demo programme's themes by name, made the first time (mentoring's demo tags
    expertise with them)."""
    existing = {theme.name: theme for theme in programme.themes.all()}
    missing = [Theme(programme=programme, name=name) for name in THEMES if name not in existing]
    Theme.objects.bulk_create(missing)
    return {theme.name: theme for theme in programme.themes.all()}


def _learning_sets(world, cohort, fellows) -> list[LearningSet]:
    sets = []
    for index, name in enumerate(SET_NAMES):
        facilitator = world.facilitators[index % len(world.facilitators)]
        learning_set, _ = LearningSet.objects.get_or_create(
            cohort=cohort, name=name, defaults={"facilitator": facilitator}
        )
        for fellow in fellows[index :: len(SET_NAMES)]:
            LearningSetMember.objects.get_or_create(
                cohort=cohort, fellow=fellow, defaults={"learning_set": learning_set}
            )
        sets.append(learning_set)
    return sets


def _working_day(day: datetime.date, *, last: datetime.date) -> datetime.date:
    """The first working day (no weekend or bank holiday) from `day`, or the last one
    on or before `last` when that comes first."""
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    if day > last:
        day = last
        while not is_working_day(day):
            day -= datetime.timedelta(days=1)
    return day


def _at(cohort, days: int, start: tuple[int, int], end: tuple[int, int]):
    day = _working_day(cohort.starts_on + datetime.timedelta(days=days), last=cohort.ends_on)
    return (
        datetime.datetime.combine(day, datetime.time(*start), tzinfo=LONDON),
        datetime.datetime.combine(day, datetime.time(*end), tzinfo=LONDON),
    )


def _sessions(cohort, sets) -> list[Session]:
    if cohort.sessions.exists():
        return list(cohort.sessions.all())
    slug = cohort.starts_on.year
    sessions = []
    for number, (days, title) in enumerate(TEACHING_DAYS):
        starts_at, ends_at = _at(cohort, days, (9, 30), (16, 30))
        sessions.append(
            Session(
                cohort=cohort,
                kind=Session.Kind.TEACHING_DAY,
                title=title,
                starts_at=starts_at,
                ends_at=ends_at,
                location=VENUES[number % len(VENUES)],
                description="Talks and practical sessions with people who have led digital "
                "change in the NHS. Lunch is provided.",
            )
        )
    for number, (days, title) in enumerate(WORKSHOPS, start=1):
        starts_at, ends_at = _at(cohort, days, (13, 0), (15, 0))
        sessions.append(
            Session(
                cohort=cohort,
                kind=Session.Kind.WORKSHOP,
                title=title,
                starts_at=starts_at,
                ends_at=ends_at,
                online_link=f"https://meet.example.org/pioneer-{slug}/workshop-{number}",
                description="A two-hour online workshop. Bring a draft to work on.",
            )
        )
    for index, learning_set in enumerate(sets):
        for number, days in enumerate(SET_MEETING_DAYS, start=1):
            starts_at, ends_at = _at(cohort, days + 2 * index, (14, 0), (16, 0))
            online = number % 2 == 0
            sessions.append(
                Session(
                    cohort=cohort,
                    kind=Session.Kind.LEARNING_SET_MEETING,
                    learning_set=learning_set,
                    title=f"{learning_set.name} learning set, meeting {number}",
                    starts_at=starts_at,
                    ends_at=ends_at,
                    location="" if online else VENUES[0],
                    online_link=(
                        f"https://meet.example.org/pioneer-{slug}/{learning_set.name.lower()}"
                        if online
                        else ""
                    ),
                    description="Each fellow brings a challenge from their project; the set "
                    "helps them think it through.",
                )
            )
    showcase_start, showcase_end = _at(
        cohort, (cohort.ends_on - cohort.starts_on).days - 21, (14, 0), (18, 0)
    )
    sessions.append(
        Session(
            cohort=cohort,
            kind=Session.Kind.SHOWCASE,
            title="Showcase: fellows present their impact",
            starts_at=showcase_start,
            ends_at=showcase_end,
            location="Royal Society of Medicine, 1 Wimpole Street, London W1G 0AE",
            description="Fellows present what changed through their projects, for whom and "
            "how they know. Sponsors and mentors are invited.",
        )
    )
    Session.objects.bulk_create(sessions)
    return list(cohort.sessions.all())


def _status(fellow_index: int, session_index: int, low: bool) -> str:
    roll = (fellow_index * 7919 + session_index * 104729 + 13) % 100
    present, apologies = (55, 75) if low else (86, 94)
    if roll < present:
        return Attendance.Status.PRESENT
    if roll < apologies:
        return Attendance.Status.APOLOGIES
    return Attendance.Status.ABSENT


def _attendance(world, cohort, sessions, fellows, low_attenders) -> None:
    if Attendance.objects.filter(session__cohort=cohort).exists():
        return
    now = timezone.now()
    members: dict[int, set[int]] = {}
    for set_id, fellow_id in LearningSetMember.objects.filter(cohort=cohort).values_list(
        "learning_set_id", "fellow_id"
    ):
        members.setdefault(set_id, set()).add(fellow_id)
    facilitators = dict(cohort.learning_sets.values_list("pk", "facilitator_id"))
    rows = []
    for session_index, session in enumerate(sessions):
        if session.ends_at >= now:
            continue
        expected = members.get(session.learning_set_id) if session.learning_set_id else None
        recorder = (
            facilitators.get(session.learning_set_id)
            if session.learning_set_id
            else world.advisers[0].pk
        )
        for fellow_index, fellow in enumerate(fellows):
            if expected is not None and fellow.pk not in expected:
                continue
            rows.append(
                Attendance(
                    session=session,
                    fellow=fellow,
                    status=_status(fellow_index, session_index, fellow_index in low_attenders),
                    recorded_by_id=recorder,
                    recorded_at=session.ends_at,
                )
            )
    Attendance.objects.bulk_create(rows)


def _interviews(world, cohort, fellows, themes) -> None:
    done = set(cohort.intake_interviews.values_list("fellow_id", flat=True))
    interviews = []
    for index, fellow in enumerate(fellows):
        if fellow.pk in done:
            continue
        interviews.append(
            IntakeInterview(
                cohort=cohort,
                fellow=fellow,
                interviewer=world.advisers[index % len(world.advisers)],
                held_on=cohort.starts_on - datetime.timedelta(days=12 + index % 20),
                hopes=HOPES[index % len(HOPES)],
                motivation=(
                    IntakeInterview.Motivation.SENT
                    if index % 4 == 3
                    else IntakeInterview.Motivation.OWN_ACCORD
                ),
                starting_skilled=STARTING[index % len(STARTING)],
                starting_connected=STARTING[(index + 5) % len(STARTING)],
                starting_inspired=STARTING[(index + 9) % len(STARTING)],
            )
        )
    IntakeInterview.objects.bulk_create(interviews)
    made = cohort.intake_interviews.filter(fellow_id__in=[i.fellow_id for i in interviews])
    goals, tags = [], []
    for index, interview in enumerate(made.order_by("pk")):
        for offset in range(2 + index % 2):
            text, names = GOALS[(index * 3 + offset) % len(GOALS)]
            goals.append((DevelopmentGoal(interview=interview, text=text, position=offset), names))
    DevelopmentGoal.objects.bulk_create([goal for goal, _ in goals])
    Through = DevelopmentGoal.themes.through
    for goal, names in goals:
        tags.extend(Through(developmentgoal=goal, theme=themes[name]) for name in names)
    Through.objects.bulk_create(tags)
