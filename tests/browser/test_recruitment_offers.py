"""Interviews and offers in Chromium: each page passes axe-core with no console or CSP
errors, and a shortlisted applicant books an interview by keyboard alone."""

import pytest

from accounts.models import hash_token
from recruitment.models import Application, InterviewBooking, Offer, Round
from tests.browser.axe import violations
from tests.browser.conftest import check, sign_in, submit
from tests.browser.test_keyboard import banner, href_is, press_enter, tab_to, text_has, text_is
from tests.browser.test_keyboard import sign_in as sign_in_by_keyboard

pytestmark = pytest.mark.browser


def test_adviser_interview_and_offer_pages_pass_axe(demo, page):
    round = Round.objects.get()
    booked = InterviewBooking.objects.filter(slot__round=round).first().application
    not_offered = Application.objects.filter(round=round, decision="declined").last()
    sign_in(page, "adviser@example.org")

    problems = []
    for path in [
        f"/recruitment/rounds/{round.pk}/",
        f"/recruitment/rounds/{round.pk}/interviews/",
        f"/recruitment/applications/{booked.pk}/panel/",
        f"/recruitment/rounds/{round.pk}/offers/",
        f"/recruitment/rounds/{round.pk}/emails/offer/",
        f"/recruitment/rounds/{round.pk}/emails/unsuccessful/",
        f"/recruitment/applications/{not_offered.pk}/feedback/",
    ]:
        problems += check(page, path)
    # A form sent back with its errors.
    page.goto(f"/recruitment/rounds/{round.pk}/interviews/")
    submit(page, "text=Add the slot")
    problems += [f"slot form errors: {v}" for v in violations(page)]

    assert page.title().startswith("Error: ")
    assert problems == []


def test_applicant_interview_and_offer_pages_pass_axe(demo, page):
    applicant = Application.objects.get(applicant__email="applicant@example.org")
    Offer.objects.create(
        application=applicant,
        respond_by=applicant.round.closes_at,
        token_hash=hash_token("demo-offer-link"),
        subject="An offer",
        body="Dear Morgan, we are delighted to offer you a place.",
    )
    sign_in(page, "applicant@example.org")

    problems = check(page, f"/recruitment/applications/{applicant.pk}/")
    problems += check(page, f"/recruitment/applications/{applicant.pk}/interview/")
    problems += check(page, "/recruitment/offers/demo-offer-link/")
    problems += check(page, "/recruitment/offers/not-a-real-link/")
    page.goto("/recruitment/offers/demo-offer-link/")
    submit(page, "text=Accept the place")
    problems += check(page, "/recruitment/offers/demo-offer-link/")  # answered already

    # A link that is not valid answers 404 (which the browser logs), with a page that says so.
    assert problems == [
        "/recruitment/offers/not-a-real-link/: HTTP 404",
        "/recruitment/offers/not-a-real-link/: console: Failed to load resource: "
        "the server responded with a status of 404 (Not Found)",
    ]


def test_shortlisted_applicant_books_an_interview_by_keyboard(demo, page):
    application = Application.objects.get(applicant__email="applicant@example.org")
    sign_in_by_keyboard(page, "applicant@example.org")

    tab_to(page, href_is("/recruitment/mine/"))
    press_enter(page)
    tab_to(page, href_is(f"/recruitment/applications/{application.pk}/"))
    press_enter(page)
    tab_to(page, text_is("Book your interview"))
    press_enter(page)
    tab_to(page, "el.name === 'slot'")
    page.keyboard.press("Space")  # the first free time
    tab_to(page, text_has("Book this time"))
    press_enter(page)

    booking = InterviewBooking.objects.get(application=application)
    assert booking.slot.round_id == application.round_id
    assert "Interview booked" in banner(page)
    assert violations(page) == []
    assert page.problems == []


def test_applicant_moves_then_cancels_their_interview_by_keyboard(demo, page):
    application = Application.objects.get(applicant__email="applicant@example.org")
    sign_in_by_keyboard(page, "applicant@example.org")
    page.goto(f"/recruitment/applications/{application.pk}/interview/")
    tab_to(page, "el.name === 'slot'")
    page.keyboard.press("Space")
    tab_to(page, text_has("Book this time"))
    press_enter(page)
    first = InterviewBooking.objects.get(application=application).slot
    problems = [f"booked: {v}" for v in violations(page)]

    tab_to(page, "el.name === 'slot'")
    page.keyboard.press("Space")  # the first other free time
    tab_to(page, text_has("Move to this time"))
    press_enter(page)
    moved = InterviewBooking.objects.get(application=application).slot
    assert "Interview moved" in banner(page)
    problems += [f"moved: {v}" for v in violations(page)]

    tab_to(page, text_has("Cancel my interview"))
    press_enter(page)

    assert moved != first
    assert not InterviewBooking.objects.filter(application=application).exists()
    assert "Interview cancelled" in banner(page)
    problems += [f"cancelled: {v}" for v in violations(page)]
    assert problems == []
    assert page.problems == []
