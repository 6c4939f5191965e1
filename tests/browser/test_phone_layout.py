"""On a 360px phone nothing pushes the page sideways: long evidence links, a place given
as a long meeting link, the programme's tables. And removing a mentor is axe-clean."""

import pytest

from accounts.models import Membership, Role
from cohorts.models import Session
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
