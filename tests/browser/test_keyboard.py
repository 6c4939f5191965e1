"""The key flows work by keyboard alone: Tab to move, Enter to follow a link or press a
button, Space to choose a radio, and typing into text boxes. No clicks."""

import re

import pytest

from cohorts.models import Attendance, Cohort, Session
from evaluation.models import Response, Wave
from mentoring.models import Booking
from projects.models import ProgressEntry
from tests.browser.axe import violations
from tests.browser.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def tab_to(page, found: str, limit: int = 300) -> None:
    """Press Tab until `found`, a JavaScript test of the focused element `el`, holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {found}; }})()"):
            return
    raise AssertionError(f"never reached by Tab: {found}")


def text_is(text: str) -> str:
    return f"(el.textContent || '').trim() === {text!r}"


def text_has(text: str) -> str:
    return f"(el.textContent || '').includes({text!r})"


def press_enter(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def sign_in(page, email: str) -> None:
    """Open Pioneer, which asks a visitor to sign in, and sign in by keyboard."""
    page.goto("/")
    tab_to(page, "el.id === 'id_login'")
    page.keyboard.type(email)
    tab_to(page, "el.id === 'id_password'")
    page.keyboard.type(DEMO_PASSWORD)
    press_enter(page)  # Enter in a text box submits its form
    assert "/accounts/" not in page.url, page.url


def href_is(path: str) -> str:
    return f"el.tagName === 'A' && el.getAttribute('href') === {path!r}"


def banner(page) -> str:
    return page.locator(".nhsuk-notification-banner").inner_text()


def test_fellow_logs_progress_by_keyboard(demo, page):
    sign_in(page, "fellow@example.org")

    tab_to(page, "el.tagName === 'A' && el.getAttribute('href') === '/projects/mine/'")
    press_enter(page)
    tab_to(page, text_is("Add a progress entry"))
    press_enter(page)
    tab_to(page, "el.id === 'id_what_happened'")
    page.keyboard.type("Demonstrated the discharge dashboard to the bed managers.")
    tab_to(page, "el.name === 'rag'")
    page.keyboard.press("Space")  # the first choice, green
    tab_to(page, text_is("Add entry"))
    press_enter(page)

    entry = ProgressEntry.objects.filter(project__fellow__email="fellow@example.org").first()
    assert entry.what_happened == "Demonstrated the discharge dashboard to the bed managers."
    assert entry.rag == "green"
    assert "Progress entry added" in banner(page)
    assert violations(page) == []
    assert page.problems == []


def test_fellow_books_and_cancels_a_mentoring_slot_by_keyboard(demo, page):
    sign_in(page, "fellow@example.org")

    tab_to(page, text_is("Mentors"))
    press_enter(page)
    tab_to(page, text_has("Marcus Oyelaran"))
    press_enter(page)
    tab_to(page, "(el.textContent || '').startsWith('Book ')")
    press_enter(page)
    tab_to(page, "el.id === 'id_agenda'")
    page.keyboard.type("Agreeing the benefits case for the shared care record.")
    tab_to(page, text_has("Confirm booking"))
    press_enter(page)
    assert re.search(r"/mentoring/bookings/\d+/$", page.url)
    booking = Booking.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))
    assert booking.status == "booked"

    tab_to(page, text_is("Cancel this session"))
    press_enter(page)
    tab_to(page, text_is("Cancel the session"))
    press_enter(page)

    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert "Cancelled." in banner(page)
    assert page.problems == []


def test_adviser_takes_attendance_by_keyboard(demo, page):
    session = (
        Session.objects.filter(cohort__status=Cohort.Status.RUNNING, learning_set__isnull=True)
        .order_by("starts_at")
        .first()
    )
    Attendance.objects.filter(session=session).delete()  # nothing recorded yet
    sign_in(page, "adviser@example.org")
    for path in (
        "/cohorts/",
        f"/cohorts/{session.cohort_id}/",
        f"/cohorts/{session.cohort_id}/timetable/",
    ):
        tab_to(page, href_is(path))
        press_enter(page)
    tab_to(page, href_is(f"/cohorts/sessions/{session.pk}/"))
    press_enter(page)

    tab_to(page, "el.tagName === 'A' && (el.getAttribute('href') || '').endsWith('/attendance/')")
    press_enter(page)
    fellows = page.locator("main fieldset").count()
    for _ in range(fellows):
        tab_to(page, "el.type === 'radio'")
        page.keyboard.press("Space")  # each fellow's first choice, present
    tab_to(page, text_is("Save attendance"))
    press_enter(page)

    assert f"Attendance saved for {fellows} fellows" in banner(page)
    statuses = list(Attendance.objects.filter(session=session).values_list("status", flat=True))
    assert statuses == ["present"] * fellows
    assert fellows > 1
    assert page.problems == []


def test_fellow_answers_the_self_assessment_by_keyboard(demo, page):
    wave = Wave.objects.get(cohort__status=Cohort.Status.RUNNING, kind=Wave.Kind.MIDPOINT)
    sign_in(page, "fellow@example.org")

    tab_to(page, f"(el.getAttribute('href') || '') === '/evaluation/waves/{wave.pk}/answer/'")
    press_enter(page)
    groups = page.locator("main fieldset").count()
    for _ in range(groups):
        tab_to(page, "el.type === 'radio'")
        page.keyboard.press("Space")  # chooses the first statement's first answer
    tab_to(page, text_is("Submit answers"))
    press_enter(page)

    response = Response.objects.get(wave=wave, fellow__email="fellow@example.org")
    assert response.submitted_at is not None
    assert response.answers.count() == groups
    assert "your answers are submitted" in banner(page)
    assert page.problems == []


def test_adviser_reviews_scores_by_keyboard(demo, page):
    wave = Wave.objects.get(cohort__status=Cohort.Status.RUNNING, kind=Wave.Kind.BASELINE)
    sign_in(page, "adviser@example.org")
    tab_to(page, href_is("/evaluation/"))
    press_enter(page)
    tab_to(page, href_is(f"/evaluation/waves/{wave.pk}/"))
    press_enter(page)

    tab_to(page, text_has(": scorecard"))
    press_enter(page)
    assert re.search(r"/evaluation/scorecards/\d+/$", page.url)
    tab_to(page, "(el.getAttribute('href') || '').startsWith('/evaluation/scores/')")
    press_enter(page)

    assert re.search(r"/evaluation/scores/\d+/$", page.url)
    assert page.locator("h1").is_visible()
    assert violations(page) == []
    assert page.problems == []
