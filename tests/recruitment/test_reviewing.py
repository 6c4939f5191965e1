"""A reviewer scores the applications assigned to them, blind, and sees the others' scores
only once their own review is in."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Membership
from recruitment.factories import SubmittedApplicationFactory
from recruitment.models import Review, ReviewAssignment, Score
from recruitment.tasks import send_reviewer_needed
from tests.matrix import LOGIN, assert_matrix
from tests.recruitment.panel import build_panel, make_reviewer, panel_outcomes

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(world):
    return build_panel(world)


def review_url(assignment):
    return reverse("recruitment:review", args=[assignment.pk])


def marks(panel, *scores, submit=False, comment="Clear and specific."):
    data = {}
    for criterion, score in zip(panel.criteria, scores, strict=True):
        data[f"score_{criterion.pk}"] = score
        data[f"comment_{criterion.pk}"] = comment
    data["submit" if submit else "save"] = ""
    return data


def test_review_page_matrix(world, panel):
    assert_matrix(world, review_url(panel.assignment), panel_outcomes(reviewer=200))
    assert_matrix(
        world,
        review_url(panel.assignment),
        panel_outcomes(reviewer=302),
        method="post",
        data=marks(panel, "4", "3"),
    )


def test_conflict_page_matrix(world, panel):
    url = reverse("recruitment:conflict", args=[panel.assignment.pk])
    assert_matrix(world, url, panel_outcomes(reviewer=200))
    assert_matrix(
        world, url, panel_outcomes(reviewer=302), method="post", data={"reason": "I manage them"}
    )


def test_my_reviews_matrix(world, panel):
    url = reverse("recruitment:my_reviews")
    only_reviewers = panel_outcomes(
        adviser=403,
        other_adviser=403,
        owner=403,
        fellow=403,
        other_cohort_fellow=403,
        mentor=403,
        facilitator=403,
        applicant=403,
        reviewer=200,
        other_reviewer=200,
    )
    assert_matrix(world, url, only_reviewers | {"anonymous": LOGIN})


def test_a_reviewer_who_left_the_panel_no_longer_sees_the_application(client, panel):
    Membership.objects.filter(user=panel.reviewer).update(is_active=False)
    client.force_login(panel.reviewer)

    assert client.get(review_url(panel.assignment)).status_code == 404


def test_blind_review_shows_the_reference_not_the_name_nor_hidden_answers(client, panel):
    client.force_login(panel.reviewer)

    page = client.get(review_url(panel.assignment)).text
    listed = client.get(reverse("recruitment:my_reviews")).text

    assert panel.application.reference in page
    assert "Discharge letters on time." in page
    assert "Jo Applicant" not in page
    assert "Your full name" not in page
    assert panel.application.reference in listed
    assert "Jo Applicant" not in listed


def test_an_open_round_names_the_applicant_but_still_hides_hidden_answers(client, panel):
    panel.round.blind = False
    panel.round.save()
    client.force_login(panel.reviewer)

    page = client.get(review_url(panel.assignment)).text

    assert "Jo Applicant" in page
    assert "Your full name" not in page


def test_reviewer_saves_a_draft_and_comes_back_to_it(client, panel):
    client.force_login(panel.reviewer)

    response = client.post(review_url(panel.assignment), marks(panel, "4", ""))
    again = client.get(review_url(panel.assignment))

    assert response.status_code == 302
    review = Review.objects.get(assignment=panel.assignment)
    assert review.status == Review.Status.DRAFT
    assert list(review.scores.values_list("criterion__name", "score", "comment")) == [
        ("Motivation", 4, "Clear and specific.")
    ]
    form = again.context["form"]
    assert form.initial[f"score_{panel.criteria[0].pk}"] == 4
    assert 'value="4" checked' in again.text


def test_reviewer_submits_a_complete_review(client, panel):
    client.force_login(panel.reviewer)

    response = client.post(review_url(panel.assignment), marks(panel, "5", "2", submit=True))

    review = Review.objects.get(assignment=panel.assignment)
    assert response.status_code == 302
    assert review.status == Review.Status.SUBMITTED
    assert review.submitted_at is not None
    assert sorted(review.scores.values_list("score", flat=True)) == [2, 5]


def test_submitting_with_a_criterion_unscored_is_refused_and_nothing_saved(client, panel):
    client.force_login(panel.reviewer)

    response = client.post(review_url(panel.assignment), marks(panel, "5", "", submit=True))

    assert response.status_code == 200
    assert "Score Project before submitting" in response.text
    assert not Review.objects.filter(assignment=panel.assignment).exists()


@pytest.mark.parametrize("bad", ["0", "6", "five", "-1", "99999999999999999999"])
def test_a_score_out_of_range_gets_a_clear_message(client, panel, bad):
    client.force_login(panel.reviewer)

    response = client.post(review_url(panel.assignment), marks(panel, bad, "3"))

    assert response.status_code == 200
    assert "Choose a score from 1 to 5 for Motivation" in response.text
    assert response.text.count("Error: ") >= 1
    assert not Score.objects.exists()


def test_a_second_submission_is_refused_and_changes_nothing(client, panel):
    client.force_login(panel.reviewer)
    client.post(review_url(panel.assignment), marks(panel, "5", "2", submit=True))

    response = client.post(review_url(panel.assignment), marks(panel, "1", "1", submit=True))

    assert response.status_code == 200
    assert "already submitted this review" in response.text
    assert sorted(Score.objects.values_list("score", flat=True)) == [2, 5]


def test_other_reviewers_scores_are_hidden_until_own_review_is_submitted(client, panel):
    other = ReviewAssignment.objects.create(
        application=panel.application, reviewer=panel.other_reviewer
    )
    client.force_login(panel.other_reviewer)
    client.post(review_url(other), marks(panel, "1", "2", submit=True, comment="Vague plan"))
    client.force_login(panel.reviewer)

    before = client.get(review_url(panel.assignment)).text
    client.post(review_url(panel.assignment), marks(panel, "5", "4", submit=True))
    after = client.get(review_url(panel.assignment)).text

    assert "Vague plan" not in before
    assert "Ian Shaw" not in before
    assert "Vague plan" in after
    assert "Ian Shaw" in after


def test_a_draft_of_another_reviewer_is_never_shown(client, panel):
    other = ReviewAssignment.objects.create(
        application=panel.application, reviewer=panel.other_reviewer
    )
    client.force_login(panel.other_reviewer)
    client.post(review_url(other), marks(panel, "1", "2", comment="Still thinking"))
    client.force_login(panel.reviewer)
    client.post(review_url(panel.assignment), marks(panel, "5", "4", submit=True))

    assert "Still thinking" not in client.get(review_url(panel.assignment)).text


def test_reviewer_declares_a_conflict_and_the_application_goes_to_a_free_reviewer(
    client, panel, django_capture_on_commit_callbacks
):
    client.force_login(panel.reviewer)
    client.post(review_url(panel.assignment), marks(panel, "4", ""))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("recruitment:conflict", args=[panel.assignment.pk]),
            {"reason": "She is in my team"},
            follow=True,
        )

    assert "has been given to another reviewer" in response.text
    assert list(
        ReviewAssignment.objects.filter(application=panel.application).values_list(
            "reviewer__name", flat=True
        )
    ) == ["Ian Shaw"]
    assert panel.reviewer.conflicts.get().application == panel.application
    assert not Review.objects.exists()
    assert (callbacks, mail.outbox) == ([], [])  # nobody needs telling


def test_a_conflict_with_nobody_free_tells_the_reviewer_and_emails_the_advisers(
    client, world, panel, django_capture_on_commit_callbacks
):
    Membership.objects.filter(user=panel.other_reviewer).update(is_active=False)
    client.force_login(panel.reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("recruitment:conflict", args=[panel.assignment.pk]),
            {"reason": "She is in my team"},
            follow=True,
        )

    assert "No other reviewer is free" in response.text
    assert not ReviewAssignment.objects.exists()
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([world.adviser.email], f"{panel.application.reference} needs another reviewer")
    ]
    assert reverse("recruitment:application_reviewers", args=[panel.application.pk]) in (
        mail.outbox[0].body
    )
    send_reviewer_needed(panel.reviewer.conflicts.get().pk)  # a retry sends nothing more
    assert len(mail.outbox) == 1
    client.force_login(world.adviser)
    page = client.get(reverse("recruitment:assignments", args=[panel.round.pk]))
    assert page.context["needing"] == 1


def test_a_conflict_needs_a_reason(client, panel):
    client.force_login(panel.reviewer)

    response = client.post(
        reverse("recruitment:conflict", args=[panel.assignment.pk]), {"reason": "  "}
    )

    assert "Say briefly why you have a conflict of interest" in response.text
    assert ReviewAssignment.objects.filter(reviewer=panel.reviewer).exists()


def test_no_conflict_after_the_review_is_submitted(client, panel):
    client.force_login(panel.reviewer)
    client.post(review_url(panel.assignment), marks(panel, "5", "2", submit=True))

    response = client.post(
        reverse("recruitment:conflict", args=[panel.assignment.pk]), {"reason": "Oops"}
    )

    assert "already submitted their review" in response.text
    assert ReviewAssignment.objects.filter(reviewer=panel.reviewer).exists()


def test_reviewer_declares_a_conflict_with_an_organisation(client, panel):
    client.force_login(panel.reviewer)

    response = client.post(
        reverse("recruitment:my_reviews"),
        {"organisation": "Whittington Health", "reason": "I used to work there"},
    )
    refused = client.post(reverse("recruitment:my_reviews"), {"organisation": "", "reason": ""})

    assert response.status_code == 302
    assert panel.reviewer.conflicts.get().organisation == "Whittington Health"
    assert "Enter the organisation you have a conflict with" in refused.text


def test_reviewer_home_lists_what_is_left_to_do_and_the_nav_leads_there(client, panel):
    done = ReviewAssignment.objects.create(
        application=build_second_application(panel), reviewer=panel.reviewer
    )
    client.force_login(panel.reviewer)
    client.post(review_url(done), marks(panel, "3", "3", submit=True))

    home = client.get("/")

    assert home.context["review_to_do"] == 1
    assert [a.pk for a in home.context["review_next"]] == [panel.assignment.pk]
    assert "Applications to review" in home.text
    assert f'href="{reverse("recruitment:my_reviews")}"' in home.text


def test_reviewer_sees_only_their_own_assignments(client, world, panel):
    theirs = ReviewAssignment.objects.create(
        application=build_second_application(panel), reviewer=panel.other_reviewer
    )
    newcomer = make_reviewer(world.cohort, user__name="Kim Lee")
    client.force_login(panel.reviewer)

    listed = client.get(reverse("recruitment:my_reviews")).context["page"].object_list
    client.force_login(newcomer)
    nothing = client.get(reverse("recruitment:my_reviews"))

    assert [a.pk for a in listed] == [panel.assignment.pk]
    assert theirs.pk not in [a.pk for a in listed]
    assert "No applications have been assigned to you yet" in nothing.text


def build_second_application(panel):
    return SubmittedApplicationFactory(round=panel.round)
