"""The scorecard: a fellow sees their own, advisers everyone's, nobody else anything."""

import pytest
from django.urls import reverse

from accounts.models import Membership, Role
from evaluation.factories import WaveFactory
from evaluation.models import Score, Wave
from tests.evaluation.conftest import answer_everything, answered_cohort
from tests.matrix import LOGIN, WRONG_METHOD, assert_matrix

pytestmark = pytest.mark.django_db

OWN_OR_ADVISER = {
    "anonymous": LOGIN,
    "adviser": 200,
    "other_adviser": 404,
    "owner": 200,
    "fellow": 404,
    "other_cohort_fellow": 404,
    "mentor": 404,
    "facilitator": 404,
}


def fellowship(world, user):
    return Membership.objects.get(user=user, cohort=world.cohort, role=Role.FELLOW)


def test_scorecard_matrix(world, wave):
    answer_everything(wave, world.owner)
    url = reverse("evaluation:scorecard", args=[fellowship(world, world.owner).pk])

    assert_matrix(world, url, OWN_OR_ADVISER)
    assert_matrix(world, url, WRONG_METHOD, method="post")


def test_evidence_page_matrix(world, wave):
    answer_everything(wave, world.owner)
    score = Score.objects.filter(fellow=world.owner).first()
    url = reverse("evaluation:score", args=[score.pk])

    assert_matrix(world, url, OWN_OR_ADVISER)
    assert_matrix(world, url, WRONG_METHOD, method="post")


def test_my_scorecard_sends_a_fellow_to_their_own(world):
    expected = {
        "anonymous": LOGIN,
        "adviser": 404,
        "other_adviser": 404,
        "owner": 302,
        "fellow": 302,
        "other_cohort_fellow": 302,
        "mentor": 404,
        "facilitator": 404,
    }
    assert_matrix(world, reverse("evaluation:my_scorecard"), expected)


def test_my_scorecard_redirects_to_the_fellows_membership(client, world):
    client.force_login(world.owner)

    response = client.get(reverse("evaluation:my_scorecard"))

    assert response["Location"] == reverse(
        "evaluation:scorecard", args=[fellowship(world, world.owner).pk]
    )


def test_scorecard_shows_scores_change_since_baseline_and_radar(client, world, framework):
    baseline = WaveFactory(cohort=world.cohort, framework=framework, kind=Wave.Kind.BASELINE)
    answer_everything(baseline, world.owner, value=2)
    Wave.objects.filter(pk=baseline.pk).update(
        opens_on=baseline.opens_on.replace(year=baseline.opens_on.year - 1),
        closes_on=baseline.closes_on.replace(year=baseline.closes_on.year - 1),
    )
    end = WaveFactory(cohort=world.cohort, framework=framework, kind=Wave.Kind.END)
    answer_everything(end, world.owner, value=4)
    client.force_login(world.owner)

    page = client.get(reverse("evaluation:scorecard", args=[fellowship(world, world.owner).pk]))

    rows = {row.key: row for row in page.context["rows"]}
    values = [(cell[1].value, cell[2]) for cell in rows["skilled"].cells]
    # Four statements answered 2 (25) at baseline and 4 (75) at the end.
    assert values == [(25.0, None), (75.0, 50.0)]
    assert "+50 since baseline" in page.text
    assert [s.label for s in page.context["radar"].series] == ["Baseline", "End"]
    assert "<svg" in page.text
    assert " style=" not in page.text


def test_a_domain_without_a_score_says_how_many_items_were_answered(client, world, wave):
    answer_everything(wave, world.owner)
    Score.objects.filter(domain__key="inspired").update(value=None, answered=2, expected=4)
    client.force_login(world.owner)

    page = client.get(reverse("evaluation:scorecard", args=[fellowship(world, world.owner).pk]))

    assert "No score" in page.text
    assert "2 of 4 items" in page.text


def test_evidence_page_lists_each_item(client, world, wave):
    answer_everything(wave, world.owner, value=5)
    score = Score.objects.get(fellow=world.owner, domain__key="skilled")
    client.force_login(world.adviser)

    page = client.get(reverse("evaluation:score", args=[score.pk]))

    assert "Skilled statement 1" in page.text
    assert "Not answered" in page.text  # the adviser-rated item
    assert "4 of 5" in page.text


def test_scorecard_queries_do_not_grow_with_the_cohort(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    adviser, cohort = answered_cohort(5)
    membership = cohort.memberships.filter(role=Role.FELLOW).first()
    client.force_login(adviser)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("evaluation:scorecard", args=[membership.pk]))

    adviser, cohort = answered_cohort(60)
    membership = cohort.memberships.filter(role=Role.FELLOW).first()
    client.force_login(adviser)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("evaluation:scorecard", args=[membership.pk]))
    assert response.status_code == 200
