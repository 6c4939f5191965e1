"""On a 360px phone nothing pushes the page sideways: long evidence links, a place given
as a long meeting link, the programme's tables. And removing a mentor is axe-clean. At
320px wide tables scroll in their own labelled region; on desktop no scroll shadow hides
a table that fits."""

import pytest
from django.urls import reverse

from accounts.models import Membership, Role
from cohorts.models import Session
from evaluation.models import Wave
from projects.models import EvidenceLink, Project
from tests.browser.conftest import check, sign_in

pytestmark = pytest.mark.browser

LONG_LINK = (
    "https://www.england.nhs.uk/digitaltechnology/connecteddigitalsystems/"
    "virtual-wards-evaluation-summary-for-integrated-care-boards-2026-appendix-b.pdf"
)
PHONE = {"width": 360, "height": 740}


def sideways(page) -> int:
    """How many pixels the page is wider than the phone."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def check_on_phone(page, path: str) -> list[str]:
    """`check`, and the page must not be wider than the phone."""
    problems = check(page, path)
    if overflow := sideways(page):
        problems.append(f"{path}: {overflow}px wider than the phone")
    return problems


def test_pages_with_long_links_fit_a_phone(demo, page):
    project = Project.objects.get(fellow__email="fellow@example.org")
    entry = project.entries.first()
    EvidenceLink.objects.create(entry=entry, url=LONG_LINK, position=99)
    session = Session.objects.filter(cohort=project.cohort, learning_set__isnull=True).first()
    Session.objects.filter(pk=session.pk).update(location=LONG_LINK)
    mentor = Membership.objects.get(user__email="mentor@example.org", role=Role.MENTOR)
    page.set_viewport_size(PHONE)

    sign_in(page, "fellow@example.org")
    problems = check_on_phone(page, f"/projects/{project.pk}/")
    problems += check_on_phone(page, f"/projects/entries/{entry.pk}/")
    problems += check_on_phone(page, f"/cohorts/{project.cohort_id}/timetable/")
    page.context.clear_cookies()
    sign_in(page, "adviser@example.org")
    problems += check_on_phone(page, f"/programmes/{mentor.programme_id}/")
    problems += check_on_phone(page, f"/memberships/{mentor.pk}/remove/")

    assert problems == []


NARROWEST = {"width": 320, "height": 640}  # WCAG 1.4.10 reflow: 320 CSS px
DESKTOP = {"width": 1280, "height": 800}

TABLE_PROBLEMS = """(desktop) => {
  const problems = [];
  for (const table of document.querySelectorAll("main table")) {
    const name = (table.caption ? table.caption.textContent : "a table").trim().slice(0, 40);
    const region = table.closest("[role=region]");
    if (!region) {
      if (table.getBoundingClientRect().right > document.documentElement.clientWidth) {
        problems.push(`${name}: runs off the screen outside a scroll region`);
      }
      continue;
    }
    if (!region.getAttribute("aria-label") && !region.getAttribute("aria-labelledby")) {
      problems.push(`${name}: its scroll region has no label`);
    }
    const scrolls = region.scrollWidth > region.clientWidth;
    if (scrolls && region.getAttribute("tabindex") !== "0") {
      problems.push(`${name}: scrolls but its region cannot take keyboard focus`);
    }
    const shadow = getComputedStyle(region, "::after");
    if (desktop && (scrolls || (shadow.display !== "none" && Number(shadow.opacity) > 0))) {
      problems.push(`${name}: a scroll shadow covers its last column on desktop`);
    }
  }
  return problems;
}"""


def table_problems(page, path: str, desktop: bool) -> list[str]:
    """Open `path`: the page must not scroll sideways, and each table either fits or
    scrolls inside its own labelled, focusable region; on desktop the demo's tables all
    fit, so none may scroll or wear the grey "more to the right" shadow."""
    page.goto(path)
    page.wait_for_load_state("networkidle")
    found = page.evaluate(TABLE_PROBLEMS, desktop)
    problems = [f"{path}: {problem}" for problem in found]
    if overflow := sideways(page):
        problems.append(f"{path}: {overflow}px wider than the screen")
    return problems


def wide_table_pages() -> dict[str, list[str]]:
    cohort = Membership.objects.get(user__email="fellow@example.org", role=Role.FELLOW).cohort
    wave = Wave.objects.filter(cohort=cohort).first()
    return {
        "adviser@example.org": [
            reverse("programme_detail", args=[cohort.programme_id]),
            reverse("projects:board", args=[cohort.pk]),
            reverse("mentoring:uptake", args=[cohort.programme_id]),
            reverse("evaluation:report", args=[cohort.pk]),
            reverse("evaluation:network", args=[cohort.pk]),
            reverse("evaluation:wave", args=[wave.pk]),
            reverse("cohorts:detail", args=[cohort.pk]),
        ],
        "mentor@example.org": [reverse("mentoring:availability"), reverse("mentoring:bookings")],
        "fellow@example.org": [
            reverse("mentoring:bookings"),
            reverse("evaluation:my_scorecard"),
            reverse("projects:mine"),
        ],
    }


@pytest.mark.parametrize("size", [NARROWEST, DESKTOP], ids=["320px", "desktop"])
def test_wide_tables_scroll_in_labelled_regions_without_hiding_columns(demo, page, size):
    page.set_viewport_size(size)
    problems = []

    for email, paths in wide_table_pages().items():
        page.context.clear_cookies()
        sign_in(page, email)
        for path in paths:
            problems += table_problems(page, path, desktop=size is DESKTOP)

    assert problems == []
