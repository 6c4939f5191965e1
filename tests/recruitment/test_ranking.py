"""The adviser's ranking table and decisions: weighted means, the spread flag, filters,
CSV, and a decision with its reason kept for the record."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from recruitment.factories import ApplicationFactory, OfferFactory, SubmittedApplicationFactory
from recruitment.models import Application, Review, ReviewAssignment, Score, SupportRequest
from recruitment.services.decisions import application_decide
from tests.matrix import assert_matrix
from tests.recruitment.panel import advisers_only, build_panel

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(world):
    return build_panel(world)


def reviewed(application, reviewer, *scores, criteria, submitted=True):
    assignment, _ = ReviewAssignment.objects.get_or_create(
        application=application, reviewer=reviewer
    )
    review = Review.objects.create(
        assignment=assignment,
        status="submitted" if submitted else "draft",
        submitted_at=timezone.now() if submitted else None,
    )
    for criterion, score in zip(criteria, scores, strict=True):
        Score.objects.create(review=review, criterion=criterion, score=score, comment="ok")
    return review


def ranking_url(round_, query=""):
    return reverse("recruitment:ranking", args=[round_.pk]) + query


def decision_url(application):
    return reverse("recruitment:decision", args=[application.pk])


def test_ranking_and_decision_pages_are_the_programme_advisers_alone(world, panel):
    assert_matrix(world, ranking_url(panel.round), advisers_only())
    assert_matrix(world, reverse("recruitment:ranking_csv", args=[panel.round.pk]), advisers_only())
    assert_matrix(world, decision_url(panel.application), advisers_only())
    assert_matrix(
        world,
        decision_url(panel.application),
        advisers_only(302),
        method="post",
        data={"decision": "shortlisted", "reason": "Strong project"},
    )


def test_weighted_mean_spread_and_reviews_done(client, world, panel):
    # Motivation weighs 2, Project 1.
    reviewed(panel.application, panel.reviewer, 5, 2, criteria=panel.criteria)
    reviewed(panel.application, panel.other_reviewer, 3, 3, criteria=panel.criteria)
    calm = SubmittedApplicationFactory(round=panel.round)
    reviewed(calm, panel.reviewer, 4, 4, criteria=panel.criteria)
    reviewed(calm, panel.other_reviewer, 1, 1, criteria=panel.criteria, submitted=False)
    unreviewed = SubmittedApplicationFactory(round=panel.round)
    client.force_login(world.adviser)

    rows = list(client.get(ranking_url(panel.round)).context["page"].object_list)

    assert [row.pk for row in rows] == [calm.pk, panel.application.pk, unreviewed.pk]
    first, second, third = rows
    # calm: only the submitted review counts: (4*2 + 4*1) / 3
    assert first.weighted_mean == pytest.approx(4.0)
    assert (first.reviews_done, first.assigned, first.flagged) == (1, 2, False)
    # (5*2 + 2 + 3*2 + 3) / 6 = 3.5; motivation 5 against 3 differs by 2
    assert second.weighted_mean == pytest.approx(3.5)
    assert (second.reviews_done, second.flagged) == (2, True)
    assert [(m.reviewer, m.mean) for m in second.reviewer_means] == [
        ("Hana Ito", pytest.approx(4.0)),
        ("Ian Shaw", pytest.approx(3.0)),
    ]
    assert third.weighted_mean is None
    assert third.reviews_done == 0


def test_filters_and_sorts(client, world, panel):
    reviewed(panel.application, panel.reviewer, 5, 5, criteria=panel.criteria)
    reviewed(panel.application, panel.other_reviewer, 1, 5, criteria=panel.criteria)
    low = SubmittedApplicationFactory(round=panel.round, decision="declined")
    reviewed(low, panel.reviewer, 1, 1, criteria=panel.criteria)
    SupportRequest.objects.create(
        application=low, manager_email="m@example.org", token_hash="x" * 64, status="confirmed"
    )
    client.force_login(world.adviser)

    def refs(query):
        page = client.get(ranking_url(panel.round, query)).context["page"]
        return [row.pk for row in page.object_list]

    assert refs("?sort=score_asc") == [low.pk, panel.application.pk]
    assert refs("?flagged=on") == [panel.application.pk]
    assert refs("?decision=declined") == [low.pk]
    assert refs("?decision=none") == [panel.application.pk]
    assert refs("?support=confirmed") == [low.pk]
    assert refs("?support=none") == [panel.application.pk]
    assert refs("?sort=nonsense&decision=%00&page=999") == [panel.application.pk, low.pk]


def test_drafts_and_another_rounds_applications_are_not_ranked(client, world, panel):
    ApplicationFactory(round=panel.round)
    SubmittedApplicationFactory()
    client.force_login(world.adviser)

    page = client.get(ranking_url(panel.round)).context["page"]

    assert [row.pk for row in page.object_list] == [panel.application.pk]


def test_csv_lists_the_ranking(client, world, panel):
    reviewed(panel.application, panel.reviewer, 4, 1, criteria=panel.criteria)
    panel.applicant.name = "=HYPERLINK(evil)"
    panel.applicant.save()
    client.force_login(world.adviser)

    response = client.get(reverse("recruitment:ranking_csv", args=[panel.round.pk]))

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["Rank", "Reference", "Applicant", "Weighted mean"]
    assert rows[1][:5] == ["1", panel.application.reference, "'=HYPERLINK(evil)", "3.0", "1"]
    assert rows[0][-1] == "Each reviewer"
    assert rows[1][-1] == "Hana Ito: 3.00"


def test_csv_gives_each_reviewers_score_and_who_has_not_submitted(client, world, panel):
    reviewed(panel.application, panel.reviewer, 5, 2, criteria=panel.criteria)
    reviewed(
        panel.application, panel.other_reviewer, 1, 1, criteria=panel.criteria, submitted=False
    )
    client.force_login(world.adviser)

    response = client.get(reverse("recruitment:ranking_csv", args=[panel.round.pk]))

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][-1] == "Hana Ito: 4.00; Ian Shaw: not submitted"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="cohort-2-applications-ranking.csv"'
    )


def test_adviser_records_a_decision_with_its_reason(client, world, panel):
    client.force_login(world.adviser)

    response = client.post(
        decision_url(panel.application),
        {"decision": "shortlisted", "reason": "Clear problem, sponsor behind it"},
        follow=True,
    )

    panel.application.refresh_from_db()
    assert "Shortlisted for interview" in response.text
    assert panel.application.decision == Application.Decision.SHORTLISTED
    assert panel.application.decision_reason == "Clear problem, sponsor behind it"
    assert panel.application.decided_by == world.adviser
    assert panel.application.decided_at is not None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decision": "hired", "reason": "x"}, "Choose a decision"),
        ({"decision": "", "reason": "x"}, "Choose a decision"),
        ({"decision": "offered", "reason": " "}, "Give the reason for this decision"),
        ({"decision": "offered", "reason": "x" * 5001}, "Keep the reason to 5,000 characters"),
    ],
)
def test_a_decision_needs_a_known_choice_and_a_reason(client, world, panel, data, message):
    client.force_login(world.adviser)

    response = client.post(decision_url(panel.application), data)

    panel.application.refresh_from_db()
    assert response.status_code == 200
    assert message in response.text
    assert panel.application.decision == ""


def test_a_draft_application_cannot_be_decided(client, world, panel):
    draft = ApplicationFactory(round=panel.round)
    client.force_login(world.adviser)

    response = client.post(decision_url(draft), {"decision": "offered", "reason": "Great"})

    draft.refresh_from_db()
    assert "cannot be decided" in response.text
    assert draft.decision == ""


def test_decide_service_records_for_the_offers_side(world, panel):
    application_decide(
        application=panel.application,
        decision=Application.Decision.WAITING_LIST,
        reason="Next in line",
        by=world.adviser,
    )

    panel.application.refresh_from_db()
    assert panel.application.get_decision_display() == "Waiting list"


def test_decision_page_shows_every_submitted_review_and_the_spread(client, world, panel):
    reviewed(panel.application, panel.reviewer, 5, 3, criteria=panel.criteria)
    reviewed(panel.application, panel.other_reviewer, 2, 3, criteria=panel.criteria)
    client.force_login(world.adviser)

    response = client.get(decision_url(panel.application))

    assert [flag for _, flag in response.context["criteria"]] == [True, False]
    assert "Jo Applicant" in response.text  # advisers see who applied
    assert "Your full name" in response.text
    assert response.text.count("Hana Ito") == 1


@pytest.mark.parametrize("status", ["sent", "accepted"])
def test_a_decision_stands_while_its_offer_is_live(client, world, panel, status):
    panel.application.decision = Application.Decision.OFFERED
    panel.application.save()
    OfferFactory(application=panel.application, status=status)
    client.force_login(world.adviser)

    page = client.get(decision_url(panel.application))
    response = client.post(
        decision_url(panel.application), {"decision": "declined", "reason": "Changed mind"}
    )

    panel.application.refresh_from_db()
    assert "The decision stands while the offer" in page.text
    assert "Record the decision" not in page.text
    assert "An offer has been sent to this applicant" in response.text
    assert panel.application.decision == Application.Decision.OFFERED


def test_after_a_declined_offer_the_adviser_decides_again(client, world, panel):
    panel.application.decision = Application.Decision.OFFERED
    panel.application.save()
    OfferFactory(application=panel.application, status="declined")
    client.force_login(world.adviser)

    client.post(decision_url(panel.application), {"decision": "declined", "reason": "Said no"})

    panel.application.refresh_from_db()
    assert panel.application.decision == Application.Decision.DECLINED
