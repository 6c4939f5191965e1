"""Retrospective ("then") statements: asked twice at the end wave, shown in the report
beside the change from baseline."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.factories import make_fellow
from evaluation.factories import WaveFactory, make_framework, statements_of
from evaluation.models import Indicator, LookingBack, Wave
from evaluation.services import answering as services
from tests.evaluation.conftest import all_statements, bulk_answers

pytestmark = pytest.mark.django_db


def flag_then(framework, key="skilled"):
    Indicator.objects.filter(
        domain__framework=framework, domain__key=key, kind=Indicator.Kind.SELF_ASSESSMENT
    ).update(asks_then=True)
    return statements_of(framework, key)


def answer_url(wave):
    return reverse("evaluation:answer", args=[wave.pk])


@pytest.fixture
def end_wave(world, framework):
    return WaveFactory(cohort=world.cohort, framework=framework, kind=Wave.Kind.END)


def test_end_wave_asks_flagged_statements_now_and_before_the_fellowship(
    client, world, framework, end_wave
):
    first, *_ = flag_then(framework)
    client.force_login(world.owner)
    data = {f"item_{i.pk}": "4" for i in all_statements(framework)}
    data |= {f"then_{first.pk}": "2", "action": "submit"}

    page = client.get(answer_url(end_wave))
    saved = client.post(answer_url(end_wave), data)
    again = client.get(answer_url(end_wave))

    assert f"Looking back, before the fellowship: {first.statement}" in page.text
    assert page.text.count("Looking back, before the fellowship:") == 4  # Skilled's four
    assert saved.status_code == 302
    then = LookingBack.objects.get(indicator=first)
    assert (then.value, then.domain_id) == (2, first.domain_id)
    assert again.context["form"][f"then_{first.pk}"].value() == 2


def test_statements_are_not_asked_looking_back_at_other_waves(client, world, framework, wave):
    first, *_ = flag_then(framework)
    client.force_login(world.owner)

    page = client.get(answer_url(wave))

    assert "Looking back, before the fellowship" not in page.text
    with pytest.raises(ValidationError, match="end wave only"):
        services.response_save(wave=wave, fellow=world.owner, answers={}, then={first.pk: 2})


def test_a_statement_not_flagged_cannot_be_answered_looking_back(world, framework, end_wave):
    unflagged = statements_of(framework, "connected")[0]

    with pytest.raises(ValidationError, match="not asked looking back"):
        services.response_save(
            wave=end_wave, fellow=world.owner, answers={}, then={unflagged.pk: 2}
        )

    assert not LookingBack.objects.exists()


def test_a_then_answer_outside_the_scale_is_refused_and_nothing_saved(
    client, world, framework, end_wave
):
    first, *_ = flag_then(framework)
    client.force_login(world.owner)
    data = {f"item_{i.pk}": "4" for i in all_statements(framework)}
    data |= {f"then_{first.pk}": "9", "action": "submit"}

    page = client.post(answer_url(end_wave), data)

    assert page.status_code == 200
    assert (
        f"Choose a number from 1 to 5 for “Looking back, before the fellowship: {first.statement}”"
        in page.text
    )
    assert not LookingBack.objects.exists()


def test_domain_looking_back_and_then_answers_are_kept_apart(world, framework, end_wave):
    first, *_ = flag_then(framework)
    skilled = first.domain

    services.response_save(
        wave=end_wave,
        fellow=world.owner,
        answers={first.pk: 4},
        looking_back={skilled.pk: 1},
        then={first.pk: 2},
    )
    services.response_save(
        wave=end_wave, fellow=world.owner, answers={first.pk: 4}, looking_back={skilled.pk: 3}
    )

    values = sorted(LookingBack.objects.values_list("indicator_id", "value"), key=str)
    assert values == sorted([(None, 3), (first.pk, 2)], key=str)


def test_report_shows_then_test_change_beside_baseline_change(client, world):
    """Skilled's four statements are flagged. Three fellows answer 3 at baseline (score 50)
    and 4 at the end (75): +25 from baseline. Looking back they say 2 (25): +50 on the
    then-test, so their yardstick moved. A fourth fellow answers only two of the four
    statements looking back, fewer than the 3 a score needs, and is not counted."""
    framework = make_framework(programme=world.programme)
    statements = flag_then(framework)
    fellows = [world.owner, world.fellow, make_fellow(world.cohort), make_fellow(world.cohort)]
    baseline = WaveFactory(cohort=world.cohort, framework=framework, kind=Wave.Kind.BASELINE)
    bulk_answers(baseline, fellows, lambda *_: 3)
    end = WaveFactory(cohort=world.cohort, framework=framework, kind=Wave.Kind.END)
    everything = {i.pk: 4 for i in all_statements(framework)}
    for index, fellow in enumerate(fellows):
        looked_back = statements[:2] if index == 3 else statements
        services.response_save(
            wave=end,
            fellow=fellow,
            answers=everything,
            then={i.pk: 2 for i in looked_back},
            submit=True,
        )
    client.force_login(world.adviser)

    page = client.get(reverse("evaluation:report", args=[world.cohort.pk]))

    [(then, from_baseline)] = page.context["report"].then_change
    assert (then.domain_key, then.n, then.mean) == ("skilled", 3, 50.0)
    assert (from_baseline.change.n, from_baseline.change.mean) == (4, 25.0)
    assert "Looking back: the then-test" in page.text
    assert "+50.0" in page.text


def test_report_without_then_answers_has_no_then_test(client, world, framework, end_wave):
    client.force_login(world.adviser)

    page = client.get(reverse("evaluation:report", args=[world.cohort.pk]))

    assert page.context["report"].then_change == []
    assert "the then-test" not in page.text


def edit_url(indicator):
    return reverse("evaluation:indicator_edit", args=[indicator.pk])


def test_adviser_flags_a_statement_to_be_asked_looking_back(client, world):
    ours = make_framework(programme=world.programme)
    statement = statements_of(ours, "skilled")[0]
    client.force_login(world.adviser)
    data = {"statement": statement.statement, "weight": "1", "asks_then": "on"}

    client.post(edit_url(statement), data)
    page = client.get(reverse("evaluation:framework", args=[ours.pk]))

    statement.refresh_from_db()
    assert statement.asks_then
    assert "(also asked looking back at the end wave)" in page.text


def test_a_copy_of_a_framework_keeps_its_then_statements(client, world):
    ours = make_framework(programme=world.programme, name="Ours")
    flag_then(ours)
    client.force_login(world.adviser)

    client.post(
        reverse("evaluation:framework_copy", args=[ours.pk]),
        {"name": "Ours again", "programme": world.programme.pk},
    )

    copied = Indicator.objects.filter(domain__framework__name="Ours again", asks_then=True)
    assert copied.count() == 4


def test_only_statements_can_be_asked_looking_back(client, world):
    ours = make_framework(programme=world.programme, adviser_rated={"skilled": 1})
    rated = Indicator.objects.get(domain__framework=ours, kind=Indicator.Kind.ADVISER_RATING)
    client.force_login(world.adviser)

    page = client.post(edit_url(rated), {"statement": "Rated", "weight": "1", "asks_then": "on"})

    assert page.status_code == 200
    assert "Only self-assessment statements can be asked looking back." in page.text
    rated.refresh_from_db()
    assert not rated.asks_then
