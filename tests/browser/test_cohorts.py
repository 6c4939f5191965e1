"""The cohort pages with the demo programme: every new page passes axe-core with no
console or CSP errors, for the roles that use it, and inviting works by keyboard."""

import pytest

from accounts.models import Cohort, Membership, Role
from cohorts.models import LearningSetMember, Session, Theme
from tests.browser.axe import violations
from tests.browser.conftest import check, sign_in, submit

pytestmark = pytest.mark.browser


def running() -> Cohort:
    return Cohort.objects.get(status=Cohort.Status.RUNNING)


def test_cohort_pages_pass_axe_for_the_roles_that_use_them(demo, page):
    # Pages linked from the header and the home page (the cohort page, the personal
    # timetable, a set, a session, a fellow's goals) are checked by the crawler in
    # test_accessibility.py; these are the pages one click further in.
    cohort = running()
    c = f"/cohorts/{cohort.pk}"
    day = Session.objects.filter(cohort=cohort, learning_set__isnull=True).first()
    fellow = Membership.objects.filter(cohort=cohort, role=Role.FELLOW).first()
    place = LearningSetMember.objects.select_related("learning_set").get(
        cohort=cohort, fellow__email="fellow@example.org"
    )
    meeting = place.learning_set.meetings.first()
    # Free one set's fellows so the suggested split has people to place.
    LearningSetMember.objects.filter(
        learning_set__cohort=cohort, learning_set__name="Wandle"
    ).delete()

    sign_in(page, "adviser@example.org")
    paths = [
        f"{c}/edit/",
        f"/cohorts/programmes/{cohort.programme_id}/themes/",
        f"/cohorts/themes/{Theme.objects.first().pk}/edit/",
        f"/cohorts/sessions/{day.pk}/delete/",
        f"{c}/attendance/",
        f"{c}/sets/",
        f"{c}/sets/new/",
        f"{c}/sets/split/",
        f"{c}/interviews/",
        f"/cohorts/memberships/{fellow.pk}/interview/",
        f"/memberships/{fellow.pk}/remove/",
        f"{c}/wants/",
    ]
    problems = [problem for path in paths for problem in check(page, path)]
    page.context.clear_cookies()
    sign_in(page, "fellow@example.org")
    problems += check(page, f"{c}/timetable/") + check(page, "/calendar/")
    page.context.clear_cookies()
    sign_in(page, "facilitator@example.org")
    problems += check(page, f"/cohorts/sets/{place.learning_set_id}/meetings/new/")
    problems += check(page, f"/cohorts/sessions/{meeting.pk}/attendance/")

    assert problems == []


def tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until `selector` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"{selector} never took the focus")


def test_errors_are_summarised_and_inviting_works_by_keyboard_alone(demo, page):
    cohort = running()
    sign_in(page, "adviser@example.org")
    page.goto(f"/cohorts/{cohort.pk}/sessions/new/")
    page.fill("#id_title", "Teaching day 8")
    page.fill("#id_start_time", "16:00")
    page.fill("#id_end_time", "09:00")
    submit(page, "main button[type=submit]")
    assert page.locator(".nhsuk-error-summary").is_visible()
    assert page.title().startswith("Error: ")
    assert violations(page) == []

    page.goto(f"/cohorts/{cohort.pk}/invite/")
    assert violations(page) == []

    tab_to(page, "#id_emails")
    page.keyboard.type("Ada Obi <ada.obi@nhs.net>")
    page.keyboard.press("Enter")
    page.keyboard.type("fellow2@example.org")
    tab_to(page, "button[value=preview]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=What will happen to each line")
    tab_to(page, "button[value=confirm]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=What happened to each line")

    rows = page.locator("main tbody tr").all_inner_texts()
    assert "Invited" in rows[0]
    assert "Already a member" in rows[1]
    assert violations(page) == []
    assert page.problems == []
