"""Playwright driving Debian's Chromium against the live test server.

Outside CI a machine without Chromium skips these tests with a reason; in CI
(the CI variable is set) a missing Chromium fails the run instead.
"""

import os
import shutil

import pytest
from django.core.management import call_command

from tests.browser.axe import violations

# Playwright's sync API keeps an event loop in this thread; the ORM calls made
# by fixtures here are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DEMO_PASSWORD = "pioneer-demo"


def chromium_path() -> str | None:
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI: install Debian's chromium package")
        pytest.skip("No Chromium found: install Debian's chromium or set CHROMIUM_PATH")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, started after the test database is made, so the database
    is dropped only after the server's threads have closed their connections."""
    return live_server


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", force=True, verbosity=0)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: ours(m, live_server.url) and page.problems.append(m.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    yield page
    context.close()


def ours(message, origin: str) -> bool:
    """An error Pioneer's own pages logged; another site's page (an identity provider's
    missing favicon) is not ours to judge."""
    url = message.location.get("url") or ""
    return message.type == "error" and (not url or url.startswith(f"{origin}/"))


def submit(page, selector: str) -> None:
    """Click what sends a form or follows a link and wait for the next page to load, so
    what the test reads next is that page and not the one it left."""
    with page.expect_navigation():
        page.click(selector)


def sign_in(page, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", password)
    submit(page, "main button[type=submit]")


def check(page, path: str) -> list[str]:
    """Open `path` and list what is wrong: an HTTP error, axe-core violations and the
    console or CSP errors the `page` fixture caught since the last check."""
    response = page.goto(path)
    problems = [f"{path}: HTTP {response.status}"] if response.status >= 400 else []
    problems += [f"{path}: {v}" for v in violations(page)]
    problems += [f"{path}: console: {p}" for p in page.problems]
    page.problems.clear()
    return problems
