"""Domain scores, worked by hand: weighted mean of answered items rescaled to 0 to 100,
missing answers left out, under 75% answered no score (PRODUCT.md)."""

from decimal import Decimal

import pytest
from django.utils import timezone

from evaluation.factories import WaveFactory, make_framework, statements_of
from evaluation.models import AdviserRating, Indicator, Score
from evaluation.scoring import Item, domain_score
from evaluation.services import answering as services
from seeding.scale import evaluation_scores as scale
from tests.evaluation.conftest import answer_everything

pytestmark = pytest.mark.django_db


def item(value, weight=1.0, *, counts=True, low=1, high=5):
    return Item(
        indicator_id=0,
        statement="s",
        kind="self_assessment",
        weight=weight,
        scale_min=low,
        scale_max=high,
        value=value,
        counts=counts,
    )


def test_domain_score_is_the_mean_answer_rescaled_to_100():
    # Mean of 4, 4, 3 and 5 is 4: (4 - 1) / (5 - 1) * 100 = 75.
    result = domain_score([item(4), item(4), item(3), item(5)])

    assert (result.value, result.answered, result.expected) == (75.0, 4, 4)


def test_domain_score_weights_items():
    # Weighted mean (2*5 + 1*3 + 1*3 + 1*3) / 5 = 3.8: (3.8 - 1) / 4 * 100 = 70.
    result = domain_score([item(5, 2), item(3), item(3), item(3)])

    assert result.value == 70.0


def test_domain_score_leaves_missing_answers_out_rather_than_counting_zero():
    # 3 of 4 answered (75%, enough): mean of 5, 5, 3 is 13/3: (13/3 - 1) / 4 * 100 = 83.33.
    result = domain_score([item(5), item(5), item(3), item(None)])

    assert (result.value, result.answered, result.expected) == (83.33, 3, 4)


def test_domain_score_missing_answer_with_weights():
    # Answered: 2 (weight 3) and 4 (weight 1); weighted mean (6 + 4) / 4 = 2.5 -> 37.5.
    result = domain_score([item(2, 3), item(4, 1), item(None, 2), item(5, 0)])

    assert (result.value, result.answered, result.expected) == (37.5, 3, 4)


# (weight, scale minimum, scale maximum, answer) per item, and the score they make.
EIGHT_ANSWERS_AT_A_HALF = (
    # Eight answers of 4, 4, 4, 3, 3, 3, 2, 2: (75 * 3 + 50 * 3 + 25 * 2) / 8 = 53.125.
    [("1", 1, 5, 4)] * 3 + [("1", 1, 5, 3)] * 3 + [("1", 1, 5, 2)] * 2,
    53.13,
)
WEIGHTS_A_HAIR_UNDER_A_HALF = (
    # (1.1 * 75 + 0.2 * 60 + 1.1 * 0) / 2.4 = 39.375 exactly, but 39.37499999999999 when
    # added as floating-point numbers.
    [("1.1", 1, 5, 4), ("0.2", 0, 5, 3), ("1.1", 0, 4, 0)],
    39.38,
)
HALVES = [EIGHT_ANSWERS_AT_A_HALF, WEIGHTS_A_HAIR_UNDER_A_HALF]
HALF_CASES = ["eight answers", "weights and scales"]


@pytest.mark.parametrize(("items", "score"), HALVES, ids=HALF_CASES)
def test_domain_score_rounds_a_half_up(items, score):
    result = domain_score([item(v, float(w), low=lo, high=hi) for w, lo, hi, v in items])

    assert result.value == score


@pytest.mark.parametrize(("items", "score"), HALVES, ids=HALF_CASES)
def test_scores_in_bulk_round_as_the_app_does(world, items, score):
    framework = make_framework(items={"skilled": len(items)})
    statements = statements_of(framework, "skilled")
    for statement, (weight, low, high, _) in zip(statements, items, strict=True):
        statement.weight, statement.scale_min, statement.scale_max = Decimal(weight), low, high
        statement.save()
    wave = WaveFactory(cohort=world.cohort, framework=framework)
    answers = {statement.pk: v for statement, (*_, v) in zip(statements, items, strict=True)}

    services.response_save(wave=wave, fellow=world.owner, answers=answers, submit=True)
    by_the_app = Score.objects.get(wave=wave, domain__key="skilled").value
    Score.objects.filter(wave=wave).delete()
    scale.scores_insert([wave.pk], timezone.now())
    in_bulk = Score.objects.get(wave=wave, domain__key="skilled").value

    assert (by_the_app, in_bulk) == (score, score)


def test_domain_with_fewer_than_three_quarters_answered_has_no_score():
    # 3 of 5 is 60%.
    result = domain_score([item(5), item(5), item(5), item(None), item(None)])

    assert (result.value, result.answered, result.expected) == (None, 3, 5)


def test_items_without_data_are_neither_answered_nor_expected():
    # A measure with no data yet does not count: 3 of 3 answered, mean 3 -> 50.
    result = domain_score([item(3), item(3), item(3), item(None, counts=False)])

    assert (result.value, result.answered, result.expected) == (50.0, 3, 3)


def test_items_on_other_scales_are_put_on_0_to_1_first():
    # 7 on 0..10 is 0.7; 2 on 1..5 is 0.25: mean 0.475 -> 47.5.
    result = domain_score([item(7, low=0, high=10), item(2)])

    assert result.value == 47.5


def test_answered_items_all_weighing_nothing_give_no_score():
    result = domain_score([item(5, 0), item(5, 0), item(5, 0), item(None, 1)])

    assert result.value is None


def test_submitting_stores_a_score_per_domain(world, wave):
    answer_everything(wave, world.owner, value=4)

    scores = {s.domain.key: s for s in Score.objects.filter(wave=wave, fellow=world.owner)}

    assert set(scores) == {"skilled", "connected", "inspired", "impactful"}
    # Skilled has four statements and an adviser-rated item not yet rated: 4 of 5 answered.
    assert (scores["skilled"].value, scores["skilled"].answered, scores["skilled"].expected) == (
        75.0,
        4,
        5,
    )
    assert (scores["connected"].value, scores["connected"].expected) == (75.0, 4)


def test_an_adviser_rating_counts_like_a_statement(world, wave):
    answer_everything(wave, world.owner, value=4)
    rated = Indicator.objects.get(domain__framework=wave.framework, kind="adviser_rating")

    services.ratings_save(
        wave=wave, fellow=world.owner, ratings={rated.pk: 1}, rated_by=world.adviser
    )

    # Four answers of 4 (0.75 each) and a rating of 1 (0): 3 / 5 = 0.6 -> 60.
    skilled = Score.objects.get(wave=wave, fellow=world.owner, domain__key="skilled")
    assert (skilled.value, skilled.answered, skilled.expected) == (60.0, 5, 5)
    assert AdviserRating.objects.get().rated_by == world.adviser


def test_a_draft_has_no_score_until_it_is_submitted(world, wave):
    answer_everything(wave, world.owner, submit=False)

    assert not Score.objects.exists()

    answer_everything(wave, world.owner, value=2, submit=True)

    assert Score.objects.get(fellow=world.owner, domain__key="inspired").value == 25.0


def test_changing_an_answer_after_submitting_changes_the_score(world, wave):
    answer_everything(wave, world.owner, value=5)
    first = statements_of(wave.framework, "inspired")[0]

    services.response_save(wave=wave, fellow=world.owner, answers={first.pk: None})

    inspired = Score.objects.get(fellow=world.owner, domain__key="inspired")
    assert (inspired.value, inspired.answered) == (100.0, 3)


def test_weights_from_the_framework_are_used(world):
    framework = make_framework(items={"skilled": 4, "connected": 4, "inspired": 4, "impactful": 4})
    heavy = statements_of(framework, "skilled")[0]
    heavy.weight = Decimal("3")
    heavy.save()
    wave = WaveFactory(cohort=world.cohort, framework=framework)
    answers = {i.pk: 2 for i in statements_of(framework, "skilled")} | {heavy.pk: 5}

    services.response_save(wave=wave, fellow=world.owner, answers=answers, submit=True)

    # (3 * 5 + 2 + 2 + 2) / 6 = 3.5 -> (3.5 - 1) / 4 * 100 = 62.5.
    assert Score.objects.get(fellow=world.owner, domain__key="skilled").value == 62.5


def test_evidence_keeps_each_item_as_it_was_scored(world, wave):
    answer_everything(wave, world.owner, value=3)

    skilled = Score.objects.get(fellow=world.owner, domain__key="skilled")

    assert [(e["kind"], e["value"], e["on_100"]) for e in skilled.evidence] == [
        ("self_assessment", 3, 50.0),
        ("self_assessment", 3, 50.0),
        ("self_assessment", 3, 50.0),
        ("self_assessment", 3, 50.0),
        ("adviser_rating", None, None),
    ]
