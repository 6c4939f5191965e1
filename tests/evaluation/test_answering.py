"""A fellow answers an open wave: draft, submit, change until it closes; bad input is refused."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluation.factories import WaveFactory, make_framework, statements_of
from evaluation.models import Answer, Domain, LookingBack, Response, Score, Wave
from tests.evaluation.conftest import all_statements, answer_everything, closed_wave
from tests.matrix import LOGIN, assert_matrix

pytestmark = pytest.mark.django_db


def answer_url(wave):
    return reverse("evaluation:answer", args=[wave.pk])


def form_data(framework, value="4", action="submit"):
    data = {f"item_{i.pk}": value for i in all_statements(framework)}
    data["action"] = action
    return data


def test_answer_page_matrix(world, wave):
    expected = {
        "anonymous": LOGIN,
        "adviser": 403,
        "other_adviser": 404,
        "owner": 200,
        "fellow": 200,
        "other_cohort_fellow": 404,
        "mentor": 404,
        "facilitator": 404,
    }
    assert_matrix(world, answer_url(wave), expected)
    assert_matrix(
        world,
        answer_url(wave),
        expected | {"owner": 302, "fellow": 302},
        method="post",
        data=form_data(wave.framework),
    )


def test_fellow_saves_a_draft_then_submits(client, world, wave):
    client.force_login(world.owner)

    draft = client.post(answer_url(wave), form_data(wave.framework, "3", "draft"))
    response = Response.objects.get(wave=wave, fellow=world.owner)
    assert draft.status_code == 302
    assert response.submitted_at is None
    assert Answer.objects.filter(response=response).count() == 16
    assert not Score.objects.exists()

    submitted = client.post(answer_url(wave), form_data(wave.framework, "5", "submit"))
    response.refresh_from_db()
    assert submitted.status_code == 302
    assert response.submitted_at is not None
    assert set(Answer.objects.filter(response=response).values_list("value", flat=True)) == {5}
    assert Score.objects.filter(fellow=world.owner, value=100.0).count() == 4


def test_page_shows_saved_answers_and_after_submitting_offers_changes(client, world, wave):
    answer_everything(wave, world.owner, value=2)
    client.force_login(world.owner)

    page = client.get(answer_url(wave))

    first = statements_of(wave.framework, "skilled")[0]
    assert page.context["form"][f"item_{first.pk}"].value() == 2
    assert "You submitted your answers on" in page.text
    assert "Save changes" in page.text
    assert "Save as draft" not in page.text


def test_changing_answers_after_submitting_keeps_them_submitted(client, world, wave):
    answer_everything(wave, world.owner, value=2)
    client.force_login(world.owner)

    client.post(answer_url(wave), form_data(wave.framework, "4", "draft"))

    response = Response.objects.get(wave=wave, fellow=world.owner)
    assert response.submitted_at is not None
    assert Score.objects.get(fellow=world.owner, domain__key="inspired").value == 75.0


def test_an_answer_outside_the_scale_is_refused_and_nothing_is_saved(client, world, wave):
    client.force_login(world.owner)
    data = form_data(wave.framework, "4")
    statement = statements_of(wave.framework, "connected")[1]
    data[f"item_{statement.pk}"] = "7"

    page = client.post(answer_url(wave), data)

    assert page.status_code == 200
    assert f"Choose a number from 1 to 5 for “{statement.statement}”." in page.text
    assert "There is a problem" in page.text
    assert page.context["form"].errors
    assert not Answer.objects.exists()


def test_submitting_nothing_is_refused(client, world, wave):
    client.force_login(world.owner)

    page = client.post(answer_url(wave), {"action": "submit"})

    assert "Answer at least one statement before you submit." in page.text
    assert not Response.objects.filter(submitted_at__isnull=False).exists()


def test_a_closed_wave_says_so_and_saves_nothing(client, world, framework):
    wave = closed_wave(world.cohort, framework)
    client.force_login(world.owner)

    page = client.get(answer_url(wave))
    attempt = client.post(answer_url(wave), form_data(framework))

    closed_on = wave.closes_on.strftime("%d %B %Y").lstrip("0")
    assert page.status_code == 200
    assert f"The baseline wave closed on {closed_on}" in page.text
    assert attempt.status_code == 200
    assert "Your answers were not saved" in attempt.text
    assert not Answer.objects.exists()


def test_a_wave_not_yet_open_cannot_be_answered(client, world, framework):
    today = timezone.localdate()
    wave = WaveFactory(
        cohort=world.cohort,
        framework=framework,
        opens_on=today + datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=20),
    )
    client.force_login(world.owner)

    attempt = client.post(answer_url(wave), form_data(framework))

    assert "The baseline wave opens on" in attempt.text
    assert not Answer.objects.exists()


def test_end_wave_asks_looking_back_per_domain(client, world, framework):
    wave = WaveFactory(cohort=world.cohort, framework=framework, kind=Wave.Kind.END)
    skilled = Domain.objects.get(framework=framework, key="skilled")
    client.force_login(world.owner)
    data = form_data(framework) | {f"start_{skilled.pk}": "2"}

    page = client.get(answer_url(wave))
    client.post(answer_url(wave), data)

    assert "Looking back, how skilled were you at the start of the fellowship?" in page.text
    assert LookingBack.objects.get().value == 2


def test_looking_back_is_not_asked_at_other_waves(client, world, wave):
    client.force_login(world.owner)

    page = client.get(answer_url(wave))

    assert "Looking back" not in page.text


def test_fellow_home_and_navigation_show_the_open_wave(client, world, wave):
    client.force_login(world.owner)

    home = client.get(reverse("home"))

    assert "Answer the baseline self-assessment" in home.text
    assert answer_url(wave) in home.text
    nav = {item.label: item.url for item in home.context["nav_items"]}
    assert nav["Self-assessment"] == answer_url(wave)
    assert "My scorecard" in nav


def test_fellow_home_says_when_answers_are_submitted(client, world, wave):
    answer_everything(wave, world.owner)
    client.force_login(world.owner)

    home = client.get(reverse("home"))

    assert "Change your baseline answers" in home.text


def test_no_open_wave_means_no_self_assessment_link(client, world, framework):
    closed_wave(world.cohort, framework)
    client.force_login(world.owner)

    home = client.get(reverse("home"))

    labels = [item.label for item in home.context["nav_items"]]
    assert "Self-assessment" not in labels
    assert "My scorecard" in labels


def test_a_deactivated_fellow_can_no_longer_answer(client, world, wave):
    world.owner.memberships.update(is_active=False)
    client.force_login(world.owner)

    page = client.get(answer_url(wave))

    assert page.status_code == 404


def blank(data, framework, key, count):
    for statement in statements_of(framework, key)[:count]:
        data[f"item_{statement.pk}"] = ""
    return data


def test_submitting_with_too_many_blanks_warns_which_domains_and_saves_nothing(client, world, wave):
    client.force_login(world.owner)
    data = blank(form_data(wave.framework), wave.framework, "connected", 2)
    data = blank(data, wave.framework, "inspired", 2)

    page = client.post(answer_url(wave), data)

    assert page.status_code == 200
    assert "2 domains would get no score" in page.text
    assert "Connected needs 3 of 4 answers to be scored" in page.text
    assert "Inspired needs 3 of 4 answers to be scored" in page.text
    assert "Skilled needs" not in page.text
    assert 'value="submit_anyway"' in page.text
    assert not Answer.objects.exists()


def test_submitting_anyway_after_the_warning_saves_and_leaves_the_domain_unscored(
    client, world, wave
):
    client.force_login(world.owner)
    data = blank(form_data(wave.framework), wave.framework, "connected", 2)

    client.post(answer_url(wave), data)
    confirmed = client.post(answer_url(wave), data | {"action": "submit_anyway"})

    response = Response.objects.get(wave=wave, fellow=world.owner)
    assert confirmed.status_code == 302
    assert response.submitted_at is not None
    assert Answer.objects.filter(response=response).count() == 14
    assert Score.objects.get(fellow=world.owner, domain__key="connected").value is None
    assert Score.objects.get(fellow=world.owner, domain__key="inspired").value == 75.0


def test_blanks_that_still_leave_a_score_submit_without_a_warning(client, world, wave):
    client.force_login(world.owner)
    data = blank(form_data(wave.framework), wave.framework, "connected", 1)

    submitted = client.post(answer_url(wave), data)

    assert submitted.status_code == 302
    assert Response.objects.get(fellow=world.owner).submitted_at is not None


def test_a_draft_with_many_blanks_is_saved_without_a_warning(client, world, wave):
    client.force_login(world.owner)
    data = blank(form_data(wave.framework, action="draft"), wave.framework, "connected", 4)

    draft = client.post(answer_url(wave), data)

    assert draft.status_code == 302
    assert Answer.objects.filter(response__fellow=world.owner).count() == 12


def test_changing_submitted_answers_to_too_many_blanks_warns_first(client, world, wave):
    answer_everything(wave, world.owner, value=2)
    client.force_login(world.owner)
    data = blank(form_data(wave.framework), wave.framework, "skilled", 3)

    page = client.post(answer_url(wave), data)

    assert "A domain would get no score" in page.text
    assert "Skilled needs 3 of 4 answers to be scored" in page.text
    assert "Save anyway" in page.text
    assert Answer.objects.filter(response__fellow=world.owner).count() == 16


def test_the_warning_counts_answers_needed_from_the_scoring_rule(client, world):
    framework = make_framework(items={"skilled": 4, "connected": 5, "inspired": 4, "impactful": 4})
    wave = WaveFactory(cohort=world.cohort, framework=framework)
    client.force_login(world.owner)
    data = blank(form_data(framework), framework, "connected", 2)

    page = client.post(answer_url(wave), data)

    assert "Connected needs 4 of 5 answers to be scored" in page.text
