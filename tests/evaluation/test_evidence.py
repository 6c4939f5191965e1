"""Derived indicators from Pioneer's records: learning-set ties now, placeholders for the rest."""

import datetime

import pytest

from cohorts.models import LearningSet, LearningSetMember
from evaluation import services
from evaluation.evidence import MEASURES, cohort_ties, evidence_for
from evaluation.factories import WaveFactory, make_framework, statements_of
from evaluation.models import Score
from fellowship.accounts.factories import make_fellow

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 6, 30)


def learning_set(cohort, name, fellows):
    place = LearningSet.objects.create(cohort=cohort, name=name)
    for fellow in fellows:
        LearningSetMember.objects.create(learning_set=place, cohort=cohort, fellow=fellow)
    return place


@pytest.fixture
def sets(world):
    """Thames: owner (Barts), fellow (Barts), Priya (Whittington), Sam (no organisation).
    Fleet: Lee alone. The other cohort's set must not count."""
    world.owner.memberships.update(organisation="Barts Health NHS Trust")
    world.fellow.memberships.update(organisation="Barts Health NHS Trust")
    priya = make_fellow(world.cohort, user__name="Priya Sharma", organisation="Whittington Health")
    sam = make_fellow(world.cohort, user__name="Sam Reid", organisation="")
    lee = make_fellow(world.cohort, user__name="Lee Chan")
    learning_set(world.cohort, "Thames", [world.owner, world.fellow, priya, sam])
    learning_set(world.cohort, "Fleet", [lee])
    learning_set(
        world.other_cohort,
        "Elsewhere",
        [world.other_cohort_fellow, make_fellow(world.other_cohort)],
    )
    return {"priya": priya, "sam": sam, "lee": lee}


def test_learning_set_ties_join_every_pair_in_a_set(world, sets):
    ties = cohort_ties(world.cohort, AS_OF)

    assert len(ties) == 6  # four people in Thames: 4 * 3 / 2 pairs; Lee alone has none
    assert {tie.kind for tie in ties} == {"learning_set"}
    assert {tie.via for tie in ties} == {"learning set Thames"}


def test_network_ties_counts_people_and_lists_them(world, sets):
    evidence = evidence_for("network_ties", world.owner, world.cohort, AS_OF)

    assert evidence.value == 3.0
    assert evidence.records == (
        f"{world.fellow.name}, Barts Health NHS Trust (learning set Thames)",
        "Priya Sharma, Whittington Health (learning set Thames)",
        "Sam Reid (learning set Thames)",
    )
    assert MEASURES["network_ties"].scale(evidence.value) == 3  # 3 to under 5 people


def test_organisations_reached_leaves_out_the_fellows_own(world, sets):
    evidence = evidence_for("organisations_reached", world.owner, world.cohort, AS_OF)

    assert evidence.value == 1.0
    assert evidence.records == ("Whittington Health (through Priya Sharma)",)


def test_a_fellow_in_no_set_has_no_ties(world, sets):
    evidence = evidence_for("network_ties", sets["lee"], world.cohort, AS_OF)

    assert (evidence.value, evidence.records) == (0.0, ())
    assert MEASURES["network_ties"].scale(0.0) == 1


@pytest.mark.parametrize("key", ["mentors_met", "learning_set_attendance", "sessions_attended"])
def test_measures_waiting_for_other_apps_say_no_data_yet(world, key):
    evidence = evidence_for(key, world.owner, world.cohort, AS_OF)

    assert evidence.value is None
    assert evidence.note.startswith("No data yet")
    assert MEASURES[key].ready is False


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
    assert measure.bands()[0] == (1, "below 40 % of meetings")
    assert measure.bands()[4] == (5, "90 or more % of meetings")


def test_derived_items_enter_connected_and_keep_their_records(world, sets):
    framework = make_framework(
        items={"skilled": 4, "connected": 3, "inspired": 4, "impactful": 4},
        derived={"connected": ["network_ties", "mentors_met"]},
    )
    wave = WaveFactory(cohort=world.cohort, framework=framework)
    answers = {
        i.pk: 5
        for key in ("skilled", "connected", "inspired", "impactful")
        for i in statements_of(framework, key)
    }

    services.response_save(wave=wave, fellow=world.owner, answers=answers, submit=True)

    connected = Score.objects.get(fellow=world.owner, domain__key="connected")
    # Three statements at 5 (1.0 each), network ties 3 people -> 3 on the scale (0.5);
    # mentors met has no data yet, so it is neither answered nor expected: 3.5 / 4 -> 87.5.
    assert (connected.value, connected.answered, connected.expected) == (87.5, 4, 4)
    derived = [e for e in connected.evidence if e["kind"] == "derived"]
    assert [(e["raw"], e["value"], e["counts"]) for e in derived] == [
        (3.0, 3, True),
        (None, None, False),
    ]
    assert len(derived[0]["records"]) == 3
