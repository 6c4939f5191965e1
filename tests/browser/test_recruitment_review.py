"""Review in Chromium: every review page passes axe for its role, and a reviewer scores an
application by keyboard alone."""

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.factories import PASSWORD
from recruitment.models import Review, ReviewAssignment, Score
from recruitment.services.decisions import application_decide
from tests.browser.axe import violations
from tests.browser.conftest import check, sign_in, submit
from tests.browser.test_keyboard import href_is, press_enter, tab_to, text_has
from tests.matrix import build_world
from tests.recruitment.panel import build_panel

pytestmark = pytest.mark.browser


@pytest.fixture
def panel(transactional_db):
    world = build_world()
    panel = build_panel(world)
    panel.adviser = world.adviser
    for user in (world.adviser, panel.reviewer, panel.other_reviewer):
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return panel


def submitted_review(panel, reviewer, *scores):
    assignment, _ = ReviewAssignment.objects.get_or_create(
        application=panel.application, reviewer=reviewer
    )
    review = Review.objects.create(
        assignment=assignment, status="submitted", submitted_at=timezone.now()
    )
    for criterion, score in zip(panel.criteria, scores, strict=True):
        Score.objects.create(review=review, criterion=criterion, score=score, comment="Fine")
    return assignment


def test_the_advisers_review_pages_pass_axe(panel, page):
    submitted_review(panel, panel.other_reviewer, 2, 5)
    application_decide(  # the decision page's history table
        application=panel.application, decision="shortlisted", reason="Strong", by=panel.adviser
    )
    sign_in(page, panel.adviser.email, PASSWORD)
    round_, application = panel.round.pk, panel.application.pk

    problems = []
    for path in (
        f"/recruitment/rounds/{round_}/",
        f"/recruitment/rounds/{round_}/assignments/",
        f"/recruitment/rounds/{round_}/ranking/",
        f"/recruitment/rounds/{round_}/ranking/?flagged=on&sort=spread",
        f"/recruitment/applications/{application}/reviewers/",
        f"/recruitment/applications/{application}/decision/",
    ):
        problems += check(page, path)

    assert problems == []


def test_the_reviewers_pages_pass_axe(panel, page):
    sign_in(page, panel.reviewer.email, PASSWORD)
    review = f"/recruitment/reviews/{panel.assignment.pk}/"

    problems = check(page, "/")
    problems += check(page, "/recruitment/reviews/")
    problems += check(page, review)
    problems += check(page, f"{review}conflict/")
    page.goto(review)
    submit(page, "button[name=submit]")  # nothing scored: an error summary
    errors = page.title()
    problems += [f"{review} with errors: {v}" for v in violations(page)]
    submitted_review(panel, panel.other_reviewer, 2, 5)
    Review.objects.create(
        assignment=panel.assignment, status="submitted", submitted_at=timezone.now()
    )
    problems += check(page, review)  # the others' scores, now shown

    assert errors.startswith("Error: ")
    assert problems == []


def test_reviewer_scores_an_application_by_keyboard(panel, page):
    page.goto("/")
    tab_to(page, "el.id === 'id_login'")
    page.keyboard.type(panel.reviewer.email)
    tab_to(page, "el.id === 'id_password'")
    page.keyboard.type(PASSWORD)
    press_enter(page)
    tab_to(page, href_is("/recruitment/reviews/") + " && " + text_has("Applications to review"))
    press_enter(page)
    tab_to(page, text_has(panel.application.reference))
    press_enter(page)
    motivation, project = panel.criteria

    tab_to(page, f"el.name === 'score_{motivation.pk}'")
    page.keyboard.press("Space")  # 1
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # on to 4
    tab_to(page, f"el.name === 'comment_{motivation.pk}'")
    page.keyboard.type("Knows exactly why.")
    tab_to(page, f"el.name === 'score_{project.pk}'")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")  # 2
    tab_to(page, "el.name === 'submit'")
    press_enter(page)

    review = Review.objects.get(assignment=panel.assignment)
    assert review.status == Review.Status.SUBMITTED
    assert sorted(review.scores.values_list("criterion__name", "score", "comment")) == [
        ("Motivation", 4, "Knows exactly why."),
        ("Project", 2, ""),
    ]
    assert "submitted" in page.locator(".nhsuk-notification-banner").inner_text()
