"""The adviser gives every submitted application two reviewers, by hand or suggested, and
nobody reviews an applicant they have a conflict with."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from accounts.factories import MembershipFactory
from accounts.models import Role
from recruitment.factories import (
    AnswerFactory,
    ApplicationFactory,
    QuestionFactory,
    RoundFactory,
    SubmittedApplicationFactory,
)
from recruitment.models import ConflictDeclaration, Review, ReviewAssignment
from tests.matrix import WRONG_METHOD, assert_matrix
from tests.recruitment.panel import advisers_only, build_panel, make_reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(world):
    return build_panel(world)


def assignments_url(round_):
    return reverse("recruitment:assignments", args=[round_.pk])


def suggest_url(round_):
    return reverse("recruitment:assignments_suggest", args=[round_.pk])


def reviewers_url(application):
    return reverse("recruitment:application_reviewers", args=[application.pk])


def test_assignment_pages_are_the_programme_advisers_alone(world, panel):
    assert_matrix(world, assignments_url(panel.round), advisers_only())
    assert_matrix(world, suggest_url(panel.round), advisers_only(302), method="post")
    assert_matrix(world, suggest_url(panel.round), WRONG_METHOD | {"reviewer": 405})
    assert_matrix(world, reviewers_url(panel.application), advisers_only())
    assert_matrix(
        world,
        reviewers_url(panel.application),
        advisers_only(302),
        method="post",
        data=lambda w: {"reviewer": w.other_reviewer.pk},
    )
    remove = reverse("recruitment:assignment_remove", args=[panel.assignment.pk])
    assert_matrix(world, remove, advisers_only(302), method="post")


def test_another_programmes_round_is_not_found_for_this_adviser(client, world):
    elsewhere = RoundFactory(cohort=world.other_cohort)
    client.force_login(world.adviser)

    assert client.get(assignments_url(elsewhere)).status_code == 404
    assert client.post(suggest_url(elsewhere)).status_code == 404


def test_suggestion_gives_each_application_two_reviewers_evenly(client, world, panel):
    for name in ("Lena", "Mo"):
        make_reviewer(world.cohort, organisation=f"{name} Trust", user__name=name)
    SubmittedApplicationFactory.create_batch(5, round=panel.round)
    ApplicationFactory(round=panel.round)  # a draft is not reviewed
    client.force_login(world.adviser)

    response = client.post(suggest_url(panel.round), follow=True)

    assert "11 assignments made" in response.text
    per_application = {
        application.pk: application.assignments.count()
        for application in panel.round.applications.filter(status="submitted")
    }
    assert set(per_application.values()) == {2}
    loads = [
        ReviewAssignment.objects.filter(reviewer__name=name).count()
        for name in ("Hana Ito", "Ian Shaw", "Lena", "Mo")
    ]
    assert loads == [3, 3, 3, 3]  # the panel's own assignment and the 11 new ones
    assert ReviewAssignment.objects.filter(application__status="draft").count() == 0


def test_a_second_suggestion_changes_nothing(client, world, panel):
    client.force_login(world.adviser)
    client.post(suggest_url(panel.round))
    before = set(ReviewAssignment.objects.values_list("application", "reviewer"))

    response = client.post(suggest_url(panel.round), follow=True)

    assert "Every application already has enough reviewers" in response.text
    assert set(ReviewAssignment.objects.values_list("application", "reviewer")) == before


def test_suggestion_avoids_the_reviewers_own_organisation(client, world, panel):
    make_reviewer(world.cohort, organisation="Third Trust", user__name="Lena")
    same = SubmittedApplicationFactory(round=panel.round)
    MembershipFactory(
        user=same.applicant,
        cohort=world.cohort,
        role=Role.FELLOW,
        organisation="leeds teaching  hospitals",
    )
    client.force_login(world.adviser)

    client.post(suggest_url(panel.round))

    assert set(same.assignments.values_list("reviewer__name", flat=True)) == {"Ian Shaw", "Lena"}


def test_suggestion_avoids_an_organisation_named_in_the_application(client, world, panel):
    make_reviewer(world.cohort, organisation="Third Trust", user__name="Lena")
    question = QuestionFactory(form=panel.round.form, text="Your organisation", kind="short")
    named = SubmittedApplicationFactory(round=panel.round)
    AnswerFactory(application=named, question=question, text="Royal Devon University Healthcare")
    client.force_login(world.adviser)

    client.post(suggest_url(panel.round))

    assert set(named.assignments.values_list("reviewer__name", flat=True)) == {"Hana Ito", "Lena"}


def test_suggestion_avoids_declared_conflicts_and_says_what_it_could_not_fill(client, world, panel):
    ConflictDeclaration.objects.create(
        reviewer=panel.other_reviewer, application=panel.application, reason="My manager"
    )
    client.force_login(world.adviser)

    response = client.post(suggest_url(panel.round), follow=True)

    assert list(panel.application.assignments.values_list("reviewer__name", flat=True)) == [
        "Hana Ito"
    ]
    assert "1 application could not be given 2 reviewers without a conflict" in response.text
    assert "Needs reviewers" in client.get(assignments_url(panel.round)).text


def test_adviser_assigns_by_hand(client, world, panel):
    client.force_login(world.adviser)

    response = client.post(
        reviewers_url(panel.application), {"reviewer": panel.other_reviewer.pk}, follow=True
    )

    assert "Ian Shaw assigned to" in response.text
    assert panel.application.assignments.count() == 2


def test_hand_assignment_refuses_a_conflict_twice_over_and_an_outsider(client, world, panel):
    ConflictDeclaration.objects.create(
        reviewer=panel.other_reviewer, organisation="Jo's Trust", reason="I chair its board"
    )
    MembershipFactory(user=panel.applicant, cohort=world.cohort, organisation="Jo's Trust")
    client.force_login(world.adviser)

    conflicted = client.post(
        reviewers_url(panel.application), {"reviewer": panel.other_reviewer.pk}
    )
    twice = client.post(reviewers_url(panel.application), {"reviewer": panel.reviewer.pk})
    outsider = client.post(reviewers_url(panel.application), {"reviewer": world.fellow.pk})
    typed = client.post(reviewers_url(panel.application), {"reviewer": "x"})

    assert "Ian Shaw has a conflict of interest" in conflicted.text
    assert "already assigned" in twice.text
    assert "Choose one of the round&#x27;s reviewers" in outsider.text
    assert "Choose one of the round&#x27;s reviewers" in typed.text
    assert panel.application.assignments.count() == 1


def test_a_draft_application_cannot_be_assigned(client, world, panel):
    draft = ApplicationFactory(round=panel.round)
    client.force_login(world.adviser)

    response = client.post(reviewers_url(draft), {"reviewer": panel.reviewer.pk})

    assert "Only submitted applications are reviewed" in response.text
    assert not draft.assignments.exists()


def test_adviser_removes_a_reviewer_but_never_a_submitted_review(client, world, panel):
    other = ReviewAssignment.objects.create(
        application=panel.application, reviewer=panel.other_reviewer
    )
    Review.objects.create(
        assignment=panel.assignment, status="submitted", submitted_at="2026-12-01T10:00Z"
    )
    client.force_login(world.adviser)

    removed = client.post(reverse("recruitment:assignment_remove", args=[other.pk]), follow=True)
    kept = client.post(
        reverse("recruitment:assignment_remove", args=[panel.assignment.pk]), follow=True
    )

    assert "Ian Shaw no longer reviews this application" in removed.text
    assert "already submitted their review" in kept.text
    assert list(panel.application.assignments.all()) == [panel.assignment]


def test_reviewer_of_another_cohort_is_not_on_this_panel(client, world, panel):
    stranger = make_reviewer(world.other_cohort, user__name="Zed")
    client.force_login(world.adviser)

    page = client.get(assignments_url(panel.round))

    assert [m.user.name for m, _ in page.context["panel"]] == ["Hana Ito", "Ian Shaw"]
    assert escape(stranger.name) not in page.text
