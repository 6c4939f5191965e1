"""Project pages with the demo data: axe-core clean, no console or CSP errors, and a
progress entry added from the home page by keyboard alone.

The crawler in test_accessibility.py already checks the pages the navigation and
home page link to (board, gallery, a fellow's project and entries); these are the rest."""

import pytest

from accounts.models import Cohort, User
from projects.models import Comment, CommentReply, ProgressEntry, Project
from tests.browser.axe import violations
from tests.browser.conftest import check, sign_in, submit

pytestmark = pytest.mark.browser


def cohorts():
    return (
        Cohort.objects.get(status=Cohort.Status.RUNNING),
        Cohort.objects.get(status=Cohort.Status.COMPLETED),
    )


def test_adviser_project_pages_pass_axe_on_desktop_and_phone(demo, page):
    running, completed = cohorts()
    project = Project.objects.get(fellow__email="fellow@example.org")
    entry = project.entries.first()
    sign_in(page, "adviser@example.org")
    paths = [
        "/projects/cohorts/",
        f"/projects/cohorts/{running.pk}/board/?sort=-rag&rag=purple",
        f"/projects/cohorts/{completed.pk}/showcase/",
        f"/projects/cohorts/{completed.pk}/showcase/print/",
        f"/projects/cohorts/{completed.pk}/showcase/order/",
        f"/projects/{project.pk}/",
        f"/projects/entries/{entry.pk}/",
    ]

    problems = [problem for path in paths for problem in check(page, path)]
    page.set_viewport_size({"width": 375, "height": 740})
    problems += check(page, f"/projects/cohorts/{running.pk}/board/")

    assert problems == []


def tab_until(page, condition: str, limit: int = 80) -> None:
    """Press Tab until `condition` (JavaScript about document.activeElement) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {condition}; }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {condition}")


def test_fellow_adds_progress_by_keyboard_and_their_forms_pass_axe(demo, page):
    before = ProgressEntry.objects.filter(project__fellow__email="fellow@example.org").count()
    sign_in(page, "fellow@example.org")

    tab_until(page, "el.id === 'quick_what_happened'")
    page.keyboard.type("Ran the clinical safety workshop with the ward sisters.")
    tab_until(page, "el.name === 'rag'")
    page.keyboard.press("ArrowDown")  # from green to amber
    tab_until(page, "el.id === 'quick_blockers'")
    page.keyboard.type("Waiting for the hazard log review.")
    tab_until(page, "el.textContent.trim() === 'Add entry'")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    entry = ProgressEntry.objects.filter(project__fellow__email="fellow@example.org").first()
    assert page.url.endswith("/")
    assert (
        page.locator(".nhsuk-notification-banner")
        .inner_text()
        .strip()
        .endswith("Progress entry added")
    )
    assert ProgressEntry.objects.filter(project__fellow__email="fellow@example.org").count() == (
        before + 1
    )
    assert (entry.what_happened, entry.rag, entry.blockers) == (
        "Ran the clinical safety workshop with the ward sisters.",
        "amber",
        "Waiting for the hazard log review.",
    )
    assert violations(page) == []
    assert page.problems == []

    # Then every form page a fellow uses, and their error messages.
    running = cohorts()[0]
    project = Project.objects.get(fellow__email="fellow@example.org")
    entry = project.entries.first()
    paths = [
        f"/projects/{project.pk}/edit/",
        f"/projects/{project.pk}/entries/new/",
        f"/projects/{project.pk}/milestones/new/",
        f"/projects/milestones/{project.milestones.first().pk}/edit/",
        f"/projects/{project.pk}/impact/showcase/",
        f"/projects/entries/{entry.pk}/edit/",
        f"/projects/cohorts/{running.pk}/showcase/",
    ]

    problems = [problem for path in paths for problem in check(page, path)]
    # An entry past its 7 days: refused with a page that explains why.
    locked = page.goto(f"/projects/entries/{project.entries.last().pk}/edit/")
    assert locked.status == 403
    assert page.locator("h1").inner_text() == "This entry can no longer be changed"
    problems += violations(page)
    page.problems.clear()  # the browser logs the 403 itself
    page.goto(f"/projects/{project.pk}/entries/new/")
    page.fill("#id_what_happened", "")
    page.fill("#id_evidence", "javascript:alert(1)")
    submit(page, "main button[type=submit]")
    problems += [f"error page: {v}" for v in violations(page)] + page.problems

    assert page.title().startswith("Error: ")
    assert page.locator(".nhsuk-error-summary").is_visible()
    assert problems == []


def test_comment_thread_and_reply_form_pass_axe(demo, page):
    project = Project.objects.get(fellow__email="fellow@example.org")
    entry = project.entries.first()
    adviser = User.objects.get(email="adviser@example.org")
    comment = Comment.objects.create(entry=entry, author=adviser, body="Who signs off?")
    CommentReply.objects.create(comment=comment, author=project.fellow, body="The CCIO.")
    sign_in(page, "fellow@example.org")

    problems = check(page, f"/projects/entries/{entry.pk}/")
    problems += check(page, f"/projects/comments/{comment.pk}/replies/")
    submit(page, "text=Send reply")  # empty: the error summary and the field's message
    assert page.locator(".nhsuk-error-summary").is_visible()
    problems += violations(page)

    assert problems == []
