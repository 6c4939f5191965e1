"""The audit trail's pages pass axe-core in Chromium and are used by keyboard alone."""

import pytest

from accounts.models import User
from tests.browser.conftest import check, sign_in
from tests.browser.test_keyboard import href_is, press_enter, tab_to, text_is

pytestmark = pytest.mark.browser


def test_the_trail_and_activity_pages_pass_axe(demo, page):
    adviser = User.objects.get(email="adviser@example.org")
    programme = adviser.memberships.get(role="adviser").programme_id
    sign_in(page, "adviser@example.org")

    problems = check(page, f"/audit/programmes/{programme}/")
    problems += check(page, f"/audit/programmes/{programme}/?action=sign_in&since=2000-01-01")
    problems += check(page, f"/audit/programmes/{programme}/?since=31/02/2026")
    problems += check(page, "/audit/mine/")

    assert problems == []


def test_an_adviser_filters_the_trail_by_keyboard(demo, page):
    adviser = User.objects.get(email="adviser@example.org")
    programme = adviser.memberships.get(role="adviser").programme_id
    sign_in(page, "adviser@example.org")
    page.goto(f"/programmes/{programme}/")

    tab_to(page, href_is(f"/audit/programmes/{programme}/"))
    press_enter(page)
    tab_to(page, "el.id === 'id_action'")
    page.keyboard.type("Deleted")  # a select jumps to the option typed
    tab_to(page, text_is("Filter events"))
    press_enter(page)

    assert "action=delete" in page.url
    assert page.locator("h1").inner_text() == "Audit trail"
