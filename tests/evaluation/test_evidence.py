"""Derived indicators from Pioneer's records, worked out by hand.

The owner's year, as of 30 June 2026: a learning set (Thames) that first met on
12 May; held mentoring sessions with Helen (twice) and Marcus; learning-set
meetings present, apologies, present, present; present at two teaching days and a
workshop, absent from another teaching day. Records after 30 June (London time)
and records that are not the owner's must not count.
"""

import datetime

import pytest
import time_machine
from django.urls import reverse

from accounts.factories import (
    CohortFactory,
    ProgrammeFactory,
    make_fellow,
    make_mentor,
)
from cohorts.factories import AttendanceFactory, SessionFactory, london
from cohorts.models import Attendance, LearningSet, LearningSetMember, Session
from evaluation.evidence import MEASURES, cohort_ties, evidence_for
from evaluation.factories import WaveFactory, make_framework, statements_of
from evaluation.models import Answer, Response, Score
from evaluation.services import scores as services
from mentoring.factories import BookingFactory, SlotFactory
from tests.evaluation.conftest import bulk_answers

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 6, 30)
MEETING = Session.Kind.LEARNING_SET_MEETING


def learning_set(cohort, name, fellows, *, first_meeting=None):
    place = LearningSet.objects.create(cohort=cohort, name=name)
    for fellow in fellows:
        LearningSetMember.objects.create(learning_set=place, cohort=cohort, fellow=fellow)
    if first_meeting:
        meeting(place, 1, first_meeting)
    return place


def meeting(learning_set, number, starts_at):
    return SessionFactory(
        cohort=learning_set.cohort,
        kind=MEETING,
        learning_set=learning_set,
        title=f"{learning_set.name} meeting {number}",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
    )


@pytest.fixture
def sets(world):
    """Thames: owner (Barts), fellow (Barts), Priya (Whittington), Sam (no organisation),
    first met 12 May. Fleet: Lee alone, never met. The other cohort's set must not count."""
    world.owner.memberships.update(organisation="Barts Health NHS Trust")
    world.fellow.memberships.update(organisation="Barts Health NHS Trust")
    # A fixed name, not a random one, so lists in name order come out the same every run.
    world.fellow.name = "Grace Okafor"
    world.fellow.save(update_fields=["name"])
    priya = make_fellow(world.cohort, user__name="Priya Sharma", organisation="Whittington Health")
    sam = make_fellow(world.cohort, user__name="Sam Reid", organisation="")
    lee = make_fellow(world.cohort, user__name="Lee Chan")
    thames = learning_set(
        world.cohort,
        "Thames",
        [world.owner, world.fellow, priya, sam],
        first_meeting=london(2026, 5, 12, 14, 0),
    )
    learning_set(world.cohort, "Fleet", [lee])
    learning_set(
        world.other_cohort,
        "Elsewhere",
        [world.other_cohort_fellow, make_fellow(world.other_cohort)],
        first_meeting=london(2026, 5, 12, 14, 0),
    )
    return {"priya": priya, "sam": sam, "lee": lee, "thames": thames}


def session_with(world, mentor, fellow, starts_at, status="held"):
    slot = SlotFactory(mentor=mentor, programme=world.programme, starts_at=starts_at)
    return BookingFactory(slot=slot, fellow=fellow, cohort=world.cohort, status=status)


@pytest.fixture
def mentors(world, sets):
    """Helen (Imperial) met twice and Marcus (Barts, the owner's own trust) once by the end
    of 30 June; the rest must not count."""
    helen = make_mentor(
        world.programme, user__name="Dr Helen Ashworth", organisation="Imperial College NHS Trust"
    )
    marcus = make_mentor(
        world.programme, user__name="Marcus Oyelaran", organisation="Barts Health NHS Trust"
    )
    session_with(world, helen, world.owner, london(2026, 5, 5, 10, 0))
    session_with(world, helen, world.owner, london(2026, 6, 9, 10, 0))
    # 23:30 in London on 30 June is 22:30 UTC: still 30 June.
    session_with(world, marcus, world.owner, london(2026, 6, 30, 23, 30))
    # 00:30 in London on 1 July is 23:30 UTC on 30 June: already July in London.
    session_with(world, make_mentor(world.programme), world.owner, london(2026, 7, 1, 0, 30))
    session_with(world, make_mentor(world.programme), world.owner, london(2026, 6, 2), "no_show")
    session_with(world, make_mentor(world.programme), world.owner, london(2026, 6, 3), "cancelled")
    session_with(world, make_mentor(world.programme), world.owner, london(2026, 6, 4), "booked")
    session_with(world, helen, world.fellow, london(2026, 6, 16, 10, 0))
    return {"helen": helen, "marcus": marcus}


@pytest.fixture
def attendance(world, sets):
    """The owner at Thames meetings: present, apologies, present, present (and present at
    one in July, too late); at sessions: present, absent, present, present (and one in July)."""
    thames = sets["thames"]
    meetings = [thames.meetings.get()] + [
        meeting(thames, number, london(2026, *day, 14, 0))
        for number, day in [(2, (6, 9)), (3, (6, 23)), (4, (6, 30)), (5, (7, 14))]
    ]
    for held, status in zip(
        meetings, ["present", "apologies", "present", "present", "present"], strict=True
    ):
        AttendanceFactory(session=held, fellow=world.owner, status=status)
    AttendanceFactory(session=meetings[0], fellow=world.fellow, status="absent")
    for title, day, kind, status in [
        ("Teaching day 1", (4, 14), Session.Kind.TEACHING_DAY, "present"),
        ("Teaching day 2", (5, 19), Session.Kind.TEACHING_DAY, "absent"),
        ("Workshop: a benefits case", (6, 16), Session.Kind.WORKSHOP, "present"),
        ("Teaching day 3", (6, 30), Session.Kind.TEACHING_DAY, "present"),
        ("Teaching day 4", (7, 7), Session.Kind.TEACHING_DAY, "present"),
    ]:
        held = SessionFactory(
            cohort=world.cohort, kind=kind, title=title, starts_at=london(2026, *day, 9, 30)
        )
        AttendanceFactory(session=held, fellow=world.owner, status=status)


def test_learning_set_ties_join_every_pair_in_a_set_that_has_met(world, sets):
    ties = cohort_ties(world.cohort, AS_OF)

    assert len(ties) == 6  # four people in Thames: 4 * 3 / 2 pairs; Lee alone has none
    assert {tie.kind for tie in ties} == {"learning_set"}
    assert {tie.via for tie in ties} == {"learning set Thames"}


def test_a_set_ties_nobody_before_its_first_meeting(world, sets):
    assert cohort_ties(world.cohort, datetime.date(2026, 5, 11)) == []


def test_mentors_met_counts_distinct_mentors_of_held_sessions_to_the_end_of_the_day(world, mentors):
    evidence = evidence_for("mentors_met", world.owner, world.cohort, AS_OF)

    assert evidence.value == 2.0
    assert evidence.records == (
        "Dr Helen Ashworth, 5 May 2026",
        "Dr Helen Ashworth, 9 June 2026",
        "Marcus Oyelaran, 30 June 2026",
    )
    assert MEASURES["mentors_met"].scale(evidence.value) == 3  # 2 to under 3 mentors


def test_mentors_met_is_zero_for_a_fellow_who_met_none(world, mentors, sets):
    evidence = evidence_for("mentors_met", sets["lee"], world.cohort, AS_OF)

    assert (evidence.value, evidence.records) == (0.0, ())
    assert MEASURES["mentors_met"].scale(0.0) == 1


def test_mentoring_ties_join_fellows_and_the_mentors_they_met(world, mentors):
    ties = [t for t in cohort_ties(world.cohort, AS_OF) if t.kind == "mentoring"]

    assert [(t.first, t.second, t.via) for t in ties] == [
        (world.owner.pk, mentors["helen"].pk, "mentoring with Dr Helen Ashworth"),
        (world.owner.pk, mentors["marcus"].pk, "mentoring with Marcus Oyelaran"),
        (world.fellow.pk, mentors["helen"].pk, "mentoring with Dr Helen Ashworth"),
    ]


def test_network_ties_counts_fellows_and_mentors_and_lists_them(world, mentors):
    evidence = evidence_for("network_ties", world.owner, world.cohort, AS_OF)

    assert evidence.value == 5.0
    assert evidence.records == (
        "Dr Helen Ashworth, Imperial College NHS Trust (mentoring with Dr Helen Ashworth)",
        "Grace Okafor, Barts Health NHS Trust (learning set Thames)",
        "Marcus Oyelaran, Barts Health NHS Trust (mentoring with Marcus Oyelaran)",
        "Priya Sharma, Whittington Health (learning set Thames)",
        "Sam Reid (learning set Thames)",
    )
    assert MEASURES["network_ties"].scale(evidence.value) == 4  # 5 to under 8 people


def test_organisations_reached_leaves_out_the_fellows_own(world, mentors):
    evidence = evidence_for("organisations_reached", world.owner, world.cohort, AS_OF)

    assert evidence.value == 2.0
    assert evidence.records == (
        "Imperial College NHS Trust (through Dr Helen Ashworth)",
        "Whittington Health (through Priya Sharma)",
    )


def test_a_fellow_in_no_set_who_met_no_mentor_has_no_ties(world, sets):
    evidence = evidence_for("network_ties", sets["lee"], world.cohort, AS_OF)

    assert (evidence.value, evidence.records) == (0.0, ())
    assert MEASURES["network_ties"].scale(0.0) == 1


def test_learning_set_attendance_is_the_share_of_recorded_meetings_present(world, attendance):
    evidence = evidence_for("learning_set_attendance", world.owner, world.cohort, AS_OF)

    assert evidence.value == 75.0  # present at 3 of 4; apologies count as not attending
    assert evidence.records == (
        "Thames meeting 1, 12 May 2026: present",
        "Thames meeting 2, 9 June 2026: apologies",
        "Thames meeting 3, 23 June 2026: present",
        "Thames meeting 4, 30 June 2026: present",
    )
    assert MEASURES["learning_set_attendance"].scale(evidence.value) == 4  # 75 to under 90


def test_sessions_attended_counts_other_sessions_present(world, attendance):
    evidence = evidence_for("sessions_attended", world.owner, world.cohort, AS_OF)

    assert evidence.value == 3.0
    assert evidence.records == (
        "Teaching day 1, 14 April 2026",
        "Workshop: a benefits case, 16 June 2026",
        "Teaching day 3, 30 June 2026",
    )
    assert MEASURES["sessions_attended"].scale(evidence.value) == 2  # 3 to under 5 sessions


@pytest.mark.parametrize("key", ["learning_set_attendance", "sessions_attended"])
def test_attendance_measures_have_no_data_before_anything_is_recorded(world, attendance, sets, key):
    lee = evidence_for(key, sets["lee"], world.cohort, AS_OF)
    owner_in_march = evidence_for(key, world.owner, world.cohort, datetime.date(2026, 3, 31))

    assert (lee.value, lee.records) == (None, ())
    assert lee.note.startswith("No ")
    assert owner_in_march.value is None


def test_thresholds_map_raw_values_onto_the_scale():
    measure = MEASURES["learning_set_attendance"]

    assert [measure.scale(v) for v in (0, 39.9, 40, 60, 74, 75, 89, 90, 100)] == [
        1,
        1,
        2,
        3,
        3,
        4,
        4,
        5,
        5,
    ]
    assert [MEASURES["mentors_met"].scale(v) for v in range(7)] == [1, 2, 3, 4, 4, 5, 5]
    assert measure.bands()[0] == (1, "below 40 % of meetings")
    assert measure.bands()[4] == (5, "90 or more % of meetings")


@time_machine.travel(datetime.datetime(2026, 7, 10, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_derived_items_enter_connected_with_their_records(client, world, sets, mentors, attendance):
    framework = make_framework(
        programme=world.programme,
        items={"skilled": 4, "connected": 3, "inspired": 4, "impactful": 4},
        derived={
            "connected": [
                "mentors_met",
                "learning_set_attendance",
                "sessions_attended",
                "network_ties",
            ]
        },
    )
    wave = WaveFactory(
        cohort=world.cohort,
        framework=framework,
        opens_on=datetime.date(2026, 6, 1),
        closes_on=AS_OF,
    )
    statements = [
        i for key in ("skilled", "connected", "inspired", "impactful")
        for i in statements_of(framework, key)
    ]  # fmt: skip
    for fellow in (world.owner, sets["lee"]):
        response = Response.objects.create(
            wave=wave, fellow=fellow, submitted_at=london(2026, 6, 20, 9, 0)
        )
        Answer.objects.bulk_create(
            Answer(response=response, indicator=i, value=5) for i in statements
        )

    services.scores_compute(wave=wave)

    owner = Score.objects.get(fellow=world.owner, domain__key="connected")
    lee = Score.objects.get(fellow=sets["lee"], domain__key="connected")
    # Owner: three statements at 5 (100 each); 2 mentors -> 3 (50); 75% of meetings -> 4
    # (75); 3 sessions -> 2 (25); 5 people -> 4 (75): (300 + 50 + 75 + 25 + 75) / 7 = 75.
    assert (owner.value, owner.answered, owner.expected) == (75.0, 7, 7)
    derived = [
        (e["raw"], e["value"], e["on_100"]) for e in owner.evidence if e["kind"] == "derived"
    ]
    assert derived == [(2.0, 3, 50.0), (75.0, 4, 75.0), (3.0, 2, 25.0), (5.0, 4, 75.0)]
    # Lee: no meetings or sessions recorded, so those two are not counted; no mentors and
    # no ties -> 1 (0) each: (300 + 0 + 0) / 5 = 60.
    assert (lee.value, lee.answered, lee.expected) == (60.0, 5, 5)
    client.force_login(world.owner)
    page = client.get(reverse("evaluation:score", args=[owner.pk]))
    assert "Marcus Oyelaran, 30 June 2026" in page.text
    assert "Thames meeting 2, 9 June 2026: apologies" in page.text
    assert "from 75 % of meetings" in page.text


def recorded_cohort(size: int):
    """A wave of `size` fellows, each with a learning-set meeting, a teaching day and a
    held mentoring session behind them, answering a framework with every measure."""
    programme = ProgrammeFactory()
    cohort = CohortFactory(programme=programme)
    fellows = [make_fellow(cohort) for _ in range(size)]
    everyone = learning_set(cohort, "Thames", fellows, first_meeting=london(2026, 5, 12, 14, 0))
    teaching_day = SessionFactory(cohort=cohort, starts_at=london(2026, 4, 14, 9, 30))
    Attendance.objects.bulk_create(
        Attendance(session=session, fellow=fellow, status="present")
        for session in (everyone.meetings.get(), teaching_day)
        for fellow in fellows
    )
    mentor = make_mentor(programme)
    for hour, fellow in enumerate(fellows):
        slot = SlotFactory(
            mentor=mentor,
            programme=programme,
            starts_at=london(2026, 5, 1, 8, 0) + datetime.timedelta(hours=hour),
        )
        BookingFactory(slot=slot, fellow=fellow, cohort=cohort, status="held")
    framework = make_framework(programme=programme, derived={"connected": list(MEASURES)})
    wave = WaveFactory(
        cohort=cohort, framework=framework, opens_on=datetime.date(2026, 6, 1), closes_on=AS_OF
    )
    bulk_answers(wave, fellows, lambda index, indicator: 4)
    return wave


@time_machine.travel(datetime.datetime(2026, 7, 10, 12, 0, tzinfo=datetime.UTC), tick=False)
def test_a_wave_is_scored_in_the_same_number_of_queries_whatever_its_size(
    django_assert_max_num_queries, django_assert_num_queries
):
    small = recorded_cohort(3)
    with django_assert_max_num_queries(24) as counted:
        services.scores_compute(wave=small)

    large = recorded_cohort(30)
    with django_assert_num_queries(len(counted.captured_queries)):
        rows = services.scores_compute(wave=large)

    assert rows == 30 * 4
    connected = Score.objects.filter(wave=large, domain__key="connected")
    assert {score.expected for score in connected} == {4 + len(MEASURES)}
