"""Cronbach's alpha per domain and wave from the answers, used for reliable change."""

import pytest
from django.urls import reverse

from accounts.factories import make_fellow
from evaluation.factories import WaveFactory, make_framework, statements_of
from evaluation.models import Wave
from evaluation.reliability import cronbach_alpha
from tests.evaluation.conftest import bulk_answers

pytestmark = pytest.mark.django_db

# Ten fellows' answers to Skilled's two statements.
FIRST = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5]
SECOND = [2, 2, 3, 4, 4, 1, 2, 3, 4, 5]


def test_cronbach_alpha_worked_by_hand():
    """FIRST: mean 3, squared deviations 4+1+0+1+4 twice = 20, variance 20/9.
    SECOND: mean 3, squared deviations 1+1+0+1+1+4+1+0+1+4 = 14, variance 14/9.
    Totals 3,4,6,8,9,2,4,6,8,10: mean 6, squared deviations 9+4+0+4+9+16+4+0+4+16 = 66,
    variance 66/9. alpha = 2/1 * (1 - (20 + 14) / 66) = 64/66 = 32/33 = 0.9697."""
    assert cronbach_alpha([20 / 9, 14 / 9], 66 / 9) == pytest.approx(32 / 33)
    assert cronbach_alpha([1.0], 2.0) is None  # one item: no alpha
    assert cronbach_alpha([0.0, 0.0], 0.0) is None  # everyone answered alike


def skilled_cohort(world, fellows_count: int):
    """Skilled has two statements, the other domains four answered 4 by everyone (so their
    totals do not vary and alpha cannot be measured). One more fellow leaves a Skilled
    statement blank, so their response is not complete. At the end everyone answers 5."""
    framework = make_framework(
        programme=world.programme,
        items={"skilled": 2, "connected": 4, "inspired": 4, "impactful": 4},
    )
    first, second = statements_of(framework, "skilled")
    fellows = [world.owner, world.fellow] + [make_fellow(world.cohort) for _ in range(9)]
    fellows = [*fellows[:fellows_count], fellows[-1]]
    incomplete = len(fellows) - 1

    def baseline_value(index, indicator):
        if indicator == first:
            return 3 if index == incomplete else FIRST[index]
        if indicator == second:
            return None if index == incomplete else SECOND[index]
        return 4

    baseline = WaveFactory(cohort=world.cohort, framework=framework, kind=Wave.Kind.BASELINE)
    bulk_answers(baseline, fellows, baseline_value)
    end = WaveFactory(cohort=world.cohort, framework=framework, kind=Wave.Kind.END)
    bulk_answers(end, fellows, lambda *_: 5)


def report(client, world):
    client.force_login(world.adviser)
    return client.get(reverse("evaluation:report", args=[world.cohort.pk]))


def test_report_measures_alpha_with_ten_complete_responses(client, world):
    skilled_cohort(world, fellows_count=10)

    page = report(client, world)

    measured = {(r.domain_key, r.wave_kind): r for r in page.context["report"].reliability}
    skilled = measured[("skilled", "baseline")]
    assert skilled.complete == 10
    assert skilled.alpha == pytest.approx(32 / 33)
    assert not measured[("connected", "baseline")].measured  # every total alike
    assert measured[("connected", "baseline")].value == 0.80
    assert '0.97 <span class="nhsuk-body-s">(measured)</span>' in page.text
    assert '0.80 <span class="nhsuk-body-s">(assumed)</span>' in page.text


def test_reliable_change_uses_the_measured_alpha(client, world):
    """Baseline Skilled scores are (total / 2 - 1) * 25, so their SD is 12.5 * sqrt(66/9).
    The threshold is 1.96 * sqrt(2) * 12.5 * sqrt(66/9) * sqrt(1 - 32/33)
    = 1.96 * 12.5 * sqrt(2 * 66 / (9 * 33)) = 1.96 * 12.5 * 2/3 = 16.33 (it would be 21.2 with
    the assumed 0.80). Changes to 100 are 87.5, 75, 50, 25, 12.5, 100, 75, 50, 25, 0:
    eight beyond 16.33."""
    skilled_cohort(world, fellows_count=10)

    page = report(client, world)

    row = next(r for r in page.context["report"].change if r.domain_key == "skilled")
    assert row.reliability.measured
    assert row.threshold == pytest.approx(49 / 3)
    assert (row.improved, row.within_noise) == (8, 2)


def test_too_few_complete_responses_fall_back_to_the_assumed_reliability(client, world):
    skilled_cohort(world, fellows_count=9)

    page = report(client, world)

    skilled = next(
        r
        for r in page.context["report"].reliability
        if (r.domain_key, r.wave_kind) == ("skilled", "baseline")
    )
    row = next(r for r in page.context["report"].change if r.domain_key == "skilled")
    assert (skilled.complete, skilled.measured, skilled.value) == (9, False, 0.80)
    assert not row.reliability.measured
    assert "or 0.8 assumed when fewer than 10 fellows answered every statement" in page.text


def test_change_csv_says_which_reliability_was_used(client, world):
    skilled_cohort(world, fellows_count=10)
    client.force_login(world.adviser)

    response = client.get(reverse("evaluation:report_csv", args=[world.cohort.pk, "change"]))

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "reliability measured or assumed" in text.splitlines()[0]
    assert ",0.97,measured," in text
