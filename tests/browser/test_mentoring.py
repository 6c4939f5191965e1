"""Mentoring pages pass axe-core with real demo data, and a fellow books by keyboard alone."""

import datetime
import re

import pytest
from django.utils import timezone

from mentoring.models import Booking, MentorProfile, Slot
from tests.browser.axe import violations
from tests.browser.conftest import check, sign_in, submit

pytestmark = pytest.mark.browser

SOON = datetime.timedelta(days=2)


def test_fellow_pages_pass_axe(demo, page):
    booking = Booking.objects.filter(fellow__email="fellow@example.org", status="booked").first()
    profile = MentorProfile.objects.get(user__email="mentor2@example.org")
    slot = Slot.objects.filter(
        mentor=profile.user, bookings__isnull=True, starts_at__gt=timezone.now() + SOON
    ).first()
    full = MentorProfile.objects.get(user__email="mentor6@example.org")
    sign_in(page, "fellow2@example.org")
    problems = check(page, f"/mentoring/mentors/{full.pk}/")  # on the waitlist
    page.context.clear_cookies()
    sign_in(page, "fellow@example.org")

    for path in [
        "/mentoring/mentors/",
        "/mentoring/mentors/?expertise=&free_soon=on",
        f"/mentoring/mentors/{profile.pk}/",
        f"/mentoring/mentors/{full.pk}/",
        f"/mentoring/slots/{slot.pk}/book/",
        "/mentoring/bookings/",
        f"/mentoring/bookings/{booking.pk}/",
        f"/mentoring/bookings/{booking.pk}/cancel/",
        f"/mentoring/bookings/{booking.pk}/reschedule/",
    ]:
        problems += check(page, path)
    page.goto(f"/mentoring/slots/{slot.pk}/book/")
    submit(page, "main button[type=submit]")  # no agenda: the error summary
    problems += [f"error page: {v}" for v in violations(page)]

    assert page.locator(".nhsuk-error-summary").is_visible()
    assert problems == []


def test_mentor_and_adviser_pages_pass_axe(demo, page):
    booking = Booking.objects.filter(slot__mentor__email="mentor@example.org").first()
    upcoming = Booking.objects.filter(
        slot__mentor__email="mentor@example.org", status="booked"
    ).first()
    free = Slot.objects.filter(
        mentor__email="mentor@example.org", bookings__isnull=True, starts_at__gt=timezone.now()
    ).last()
    programme = booking.slot.programme_id
    sign_in(page, "mentor@example.org")
    problems = []
    for path in [
        "/mentoring/availability/",
        "/mentoring/bookings/",
        f"/mentoring/bookings/{booking.pk}/",
        f"/mentoring/bookings/{booking.pk}/outcome/",
        f"/mentoring/slots/{upcoming.slot_id}/cancel/",
        f"/mentoring/slots/{free.pk}/edit/",
        f"/mentoring/programmes/{programme}/profile/",
        f"/mentoring/programmes/{programme}/slots/add/",
        f"/mentoring/programmes/{programme}/slots/weekly/",
    ]:
        problems += check(page, path)
    page.goto(f"/mentoring/programmes/{programme}/slots/weekly/")
    submit(page, "main button[type=submit]")
    problems += [f"weekly errors: {v}" for v in violations(page)]
    page.context.clear_cookies()
    sign_in(page, "adviser@example.org")
    for path in [
        f"/mentoring/programmes/{programme}/uptake/",
        f"/mentoring/bookings/{booking.pk}/",
        f"/mentoring/programmes/{programme}/rules/",
    ]:
        problems += check(page, path)

    assert problems == []


def tab_until(page, found, limit=200) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(found):
            return
    raise AssertionError(f"never reached by Tab: {found}")


def focused_text(text: str) -> str:
    return f"(document.activeElement.textContent || '').includes({text!r})"


def test_fellow_books_a_mentor_by_keyboard_alone(demo, page):
    sign_in(page, "fellow@example.org")

    tab_until(page, "document.activeElement.textContent.trim() === 'Mentors'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/mentoring/mentors/")
    tab_until(page, focused_text("Marcus Oyelaran"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/mentoring/mentors/\d+/$"))
    tab_until(page, "(document.activeElement.textContent || '').startsWith('Book ')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/mentoring/slots/\d+/book/$"))
    tab_until(page, "document.activeElement.id === 'id_agenda'")
    page.keyboard.type("Making the case for a shared care record with our GP federation.")
    tab_until(page, focused_text("Confirm booking"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/mentoring/bookings/\d+/$"))

    booking = Booking.objects.get(
        fellow__email="fellow@example.org", slot__mentor__email="mentor2@example.org"
    )
    assert booking.status == "booked"
    assert booking.agenda.startswith("Making the case for a shared care record")
    assert "Booked." in page.locator(".nhsuk-notification-banner").inner_text()
    assert violations(page) == []
    assert page.problems == []
