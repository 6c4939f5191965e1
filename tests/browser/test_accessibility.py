"""Each demo role signs in, opens every page its navigation and home page link to,
and each page passes axe-core (WCAG 2.2 AA) with no console or CSP errors."""

from urllib.parse import urlparse

import pytest

from tests.browser.axe import violations
from tests.browser.conftest import check, sign_in, submit

pytestmark = pytest.mark.browser

DEMO_ROLES = [
    "applicant@example.org",
    "adviser@example.org",
    "fellow@example.org",
    "fellow2@example.org",
    "mentor@example.org",
    "facilitator@example.org",
    "reviewer@example.org",
    "reviewer2@example.org",
]

# Links that change state or leave the HTML pages.
SKIP = ("/accounts/logout", "/admin/", ".csv", ".ics", "/export")


def reachable_pages(page) -> list[str]:
    """Same-site links in the header navigation and on the home page."""
    hrefs = page.eval_on_selector_all(
        "header nav a[href], main a[href]", "links => links.map(a => a.getAttribute('href'))"
    )
    pages = []
    for href in hrefs:
        parsed = urlparse(href)
        if parsed.netloc or not parsed.path.startswith("/") or href.startswith("#"):
            continue
        if any(part in parsed.path for part in SKIP) or parsed.path in pages:
            continue
        pages.append(parsed.path)
    return pages


@pytest.mark.parametrize("email", DEMO_ROLES)
def test_every_page_a_role_can_reach_passes_axe(demo, page, email):
    sign_in(page, email)
    pages = ["/", *reachable_pages(page)]

    problems = [problem for path in pages for problem in check(page, path)]

    assert len(pages) > 1
    assert problems == []


def test_sign_in_and_account_pages_pass_axe(demo, page):
    problems = check(page, "/accounts/login/")
    problems += check(page, "/accounts/password/reset/")
    problems += check(page, "/invitations/accept/not-a-real-token/")
    problems += check(page, "/privacy-notice/")
    sign_in(page, "fellow@example.org")
    for path in [
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/accounts/sessions/",
        "/audit/mine/",
        "/privacy/",
    ]:
        problems += check(page, path)

    assert problems == []


def test_sign_in_errors_are_announced_in_an_error_summary(demo, page):
    page.goto("/accounts/login/")
    page.fill("#id_login", "fellow@example.org")
    page.fill("#id_password", "wrong")
    submit(page, "main button[type=submit]")

    summary = page.locator(".nhsuk-error-summary")
    assert summary.is_visible()
    assert page.title().startswith("Error: ")
    assert violations(page) == []


def test_sign_in_works_by_keyboard_alone(demo, page):
    page.goto("/accounts/login/")
    page.keyboard.press("Tab")  # skip link comes first
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type("adviser@example.org")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    if focused != "id_password":  # allauth puts a "forgot password" link in the hint
        page.keyboard.press("Tab")
    page.keyboard.type("pioneer-demo")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "/accounts/" not in page.url
    assert page.locator("h1").inner_text().startswith("Hello")


def test_an_error_a_page_of_ours_logs_is_caught(transactional_db, page):
    """The console filter keeps other sites' errors out, not ours."""
    page.goto("/no-such-page/")

    assert any("404" in problem for problem in page.problems)
