"""Evaluation pages with the demo data: axe-clean, no console or CSP errors, and a
fellow answers the open wave by keyboard alone."""

import pytest

from accounts.models import Cohort, Membership, Role
from evaluation.models import Framework, Response, Score, Wave
from tests.browser.axe import violations
from tests.browser.conftest import check, sign_in, submit

pytestmark = pytest.mark.browser


def test_adviser_evaluation_pages_pass_axe(demo, page):
    completed = Cohort.objects.get(status=Cohort.Status.COMPLETED)
    running = Cohort.objects.get(status=Cohort.Status.RUNNING)
    midpoint = Wave.objects.get(cohort=running, kind=Wave.Kind.MIDPOINT)
    fellow = Membership.objects.filter(cohort=running, role=Role.FELLOW).first()
    scored = Score.objects.filter(wave__cohort=completed, value__isnull=False).first()
    scorecard = Membership.objects.get(cohort=completed, user=scored.fellow, role=Role.FELLOW)
    default = Framework.objects.get(programme=None)
    indicator = default.domains.first().indicators.first()
    sign_in(page, "adviser@example.org")

    problems = []
    for path in [
        "/evaluation/",
        f"/evaluation/waves/{midpoint.pk}/",
        f"/evaluation/waves/{midpoint.pk}/dates/",
        f"/evaluation/waves/{midpoint.pk}/ratings/{fellow.user_id}/",
        f"/evaluation/cohorts/{running.pk}/waves/new/",
        f"/evaluation/cohorts/{completed.pk}/report/?compare={running.pk}",
        f"/evaluation/cohorts/{completed.pk}/network/",
        f"/evaluation/scorecards/{scorecard.pk}/",
        f"/evaluation/scores/{scored.pk}/",
        "/evaluation/frameworks/",
        f"/evaluation/frameworks/{default.pk}/",
        f"/evaluation/frameworks/{default.pk}/copy/",
        "/evaluation/how-scores-are-worked-out/",
    ]:
        problems += check(page, path)
    # A form with errors: the error summary is announced and still axe-clean.
    page.goto(f"/evaluation/frameworks/{default.pk}/copy/")
    page.fill("#id_name", "")
    submit(page, "main button[type=submit]")
    problems += [f"copy with errors: {v}" for v in violations(page)]

    assert page.locator(".nhsuk-error-summary").is_visible()
    assert indicator is not None
    assert problems == []


def test_fellow_answers_the_open_wave_by_keyboard_alone(demo, page):
    wave = Wave.objects.get(cohort__status=Cohort.Status.RUNNING, kind=Wave.Kind.MIDPOINT)
    sign_in(page, "fellow@example.org")
    page.goto(f"/evaluation/waves/{wave.pk}/answer/")
    problems = [f"answer: {v}" for v in violations(page)]

    for _ in range(40):  # from the top of the page to the first statement
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "radio":
            break
    groups = page.locator("main fieldset").count()
    for _ in range(groups):
        page.keyboard.press("Space")  # chooses 1
        for _ in range(3):
            page.keyboard.press("ArrowRight")  # moves to, and chooses, 4
        page.keyboard.press("Tab")  # the next statement, then the submit button
    assert page.evaluate("document.activeElement.textContent").strip() == "Submit answers"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    response = Response.objects.get(wave=wave, fellow__email="fellow@example.org")
    assert response.submitted_at is not None
    assert sorted(set(response.answers.values_list("value", flat=True))) == [4]
    assert response.answers.count() == groups == 20
    assert "your answers are submitted" in page.locator(".nhsuk-notification-banner").inner_text()
    problems += check(page, "/evaluation/my-scorecard/")
    submit(page, "main table a >> nth=0")
    problems += [f"evidence: {v}" for v in violations(page)]
    baseline = Wave.objects.get(cohort=wave.cohort, kind=Wave.Kind.BASELINE)
    problems += check(page, f"/evaluation/waves/{baseline.pk}/answer/")
    assert page.problems == []
    assert problems == []


def test_fellow_is_warned_about_blanks_and_can_submit_anyway(demo, page):
    wave = Wave.objects.get(cohort__status=Cohort.Status.RUNNING, kind=Wave.Kind.MIDPOINT)
    sign_in(page, "fellow@example.org")
    page.goto(f"/evaluation/waves/{wave.pk}/answer/")
    page.locator("main fieldset >> nth=0").locator("input[type=radio] >> nth=3").check()
    with page.expect_navigation():
        page.click("main button[value=submit]")

    warning = page.locator(".nhsuk-card--warning").inner_text()
    problems = [f"warning: {v}" for v in violations(page)]
    page.locator("#submit-anyway").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "needs 4 of 5 answers to be scored" in warning
    response = Response.objects.get(wave=wave, fellow__email="fellow@example.org")
    assert response.submitted_at is not None
    assert response.answers.count() == 1
    assert problems == []
