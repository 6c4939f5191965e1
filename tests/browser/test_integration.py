"""Pages that join the apps, with the merged demo data: Connected evidence from mentoring
and attendance records, the network with mentors, the interview's one error summary,
the marked navigation section and the calendar page for a mentor."""

import pytest

from accounts.models import Cohort, Membership, Role
from evaluation.models import Score, Wave
from projects.models import Project
from tests.browser.axe import violations
from tests.browser.conftest import check, sign_in, submit

pytestmark = pytest.mark.browser


def test_adviser_sees_connected_evidence_the_network_and_one_error_summary(demo, page):
    completed = Cohort.objects.get(status=Cohort.Status.COMPLETED)
    end = Wave.objects.get(cohort=completed, kind=Wave.Kind.END)
    connected = Score.objects.filter(wave=end, domain__key="connected").first()
    fellow = Membership.objects.filter(
        cohort__status=Cohort.Status.RUNNING, role=Role.FELLOW
    ).first()
    sign_in(page, "adviser@example.org")

    problems = check(page, f"/evaluation/scores/{connected.pk}/")
    page.click("text=records behind this >> nth=0")  # the mentors met, opened
    records = page.locator("details[open] li").all_inner_texts()
    problems += check(page, f"/evaluation/cohorts/{completed.pk}/network/?wave={end.pk}")
    roles = page.locator("table:has(#people-caption) tbody td:nth-child(2)").all_inner_texts()
    page.goto(f"/cohorts/memberships/{fellow.pk}/interview/")
    page.fill("#id_held_on", "2099-01-01")
    blank_goal = page.locator("fieldset.pioneer-goal").last
    blank_goal.locator("input[type=checkbox]").first.check()  # a theme but no goal
    submit(page, "main button[type=submit]")
    summary = page.locator(".nhsuk-error-summary").inner_text()
    problems += [f"interview with errors: {v}" for v in violations(page)]

    assert records
    assert all(", " in line for line in records)
    assert roles.count("Mentor") == 6
    assert page.locator(".nhsuk-error-summary").count() == 1
    assert "cannot be in the future" in summary
    assert "Write the goal, or clear its themes" in summary
    assert page.title().startswith("Error: ")
    assert problems == []


def test_fellow_and_mentor_see_their_section_marked_and_the_calendar_page(demo, page):
    project = Project.objects.get(fellow__email="fellow@example.org")
    sign_in(page, "fellow@example.org")

    problems = check(page, f"/projects/{project.pk}/")
    marked = page.locator("header nav [aria-current]").all_inner_texts()
    page.context.clear_cookies()
    sign_in(page, "mentor@example.org")
    problems += check(page, "/mentoring/bookings/")
    submit(page, "text=Add your bookings and sessions to your own calendar")
    problems += [f"calendar: {v}" for v in violations(page)]

    assert marked == ["My project"]
    assert "mentoring bookings" in page.locator("main").inner_text()
    assert page.problems == []
    assert problems == []
