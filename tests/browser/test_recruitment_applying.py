"""Recruitment's applying pages in Chromium: they pass axe-core, and an applicant applies
by keyboard alone, from their list of open rounds to a submitted application."""

import re

import pytest
from allauth.account.models import EmailAddress

from accounts.factories import PASSWORD, CohortFactory, ProgrammeFactory, UserFactory, make_adviser
from recruitment.factories import CriterionFactory, QuestionFactory, RoundFactory
from recruitment.models import Application, EqualityResponse, Question
from recruitment.services.support import support_request
from tests.browser.conftest import check, sign_in, submit
from tests.browser.test_keyboard import press_enter, tab_to, text_is

pytestmark = pytest.mark.browser
Kind = Question.Kind


@pytest.fixture
def recruiting(transactional_db):
    programme = ProgrammeFactory(name="Digital Pioneer Fellowship")
    adviser = make_adviser(programme, user__email="adviser@example.org")
    round_ = RoundFactory(
        cohort=CohortFactory(programme=programme, name="Cohort 3"), title="Cohort 3 applications"
    )
    CriterionFactory(round=round_, name="Potential for impact", weight=2)
    QuestionFactory(
        form=round_.form, kind=Kind.LONG, text="Why do you want to join?", word_limit=10
    )
    QuestionFactory(form=round_.form, kind=Kind.SHORT, text="Your organisation", required=False)
    QuestionFactory(
        form=round_.form, kind=Kind.SINGLE, text="Your band", choices=["Band 7", "Band 8a"]
    )
    QuestionFactory(
        form=round_.form, kind=Kind.MULTIPLE, text="Interests", choices=["Data", "Design"]
    )
    QuestionFactory(form=round_.form, kind=Kind.YES_NO, text="Do you manage a team?")
    applicant = UserFactory(email="applicant@example.org", name="Priya Shah")
    for user in (adviser, applicant):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return round_, adviser, applicant


def test_recruitment_pages_pass_axe(recruiting, page):
    round_, adviser, applicant = recruiting
    problems = check(page, f"/recruitment/open/{round_.pk}/")
    page.goto(f"/recruitment/open/{round_.pk}/apply/")  # opens sign-up for this round
    problems += check(page, "/accounts/signup/")

    sign_in(page, applicant.email, PASSWORD)
    problems += check(page, "/recruitment/mine/")
    problems += check(page, f"/recruitment/open/{round_.pk}/apply/")
    submit(page, "main button[type=submit]")
    application = Application.objects.get(applicant=applicant)
    support = support_request(
        application=application, manager_name="Sam Patel", manager_email="sam@nhs.example"
    )
    for path in ("edit/", "", "support/", "equality/"):
        problems += check(page, f"/recruitment/applications/{application.pk}/{path}")
    assert support.status == "waiting"

    page.context.clear_cookies()
    sign_in(page, adviser.email, PASSWORD)
    for path in (
        "/recruitment/",
        f"/recruitment/rounds/{round_.pk}/",
        f"/recruitment/rounds/{round_.pk}/edit/",
        f"/recruitment/rounds/{round_.pk}/equality/",
        f"/recruitment/forms/{round_.form_id}/",
        f"/recruitment/forms/{round_.form_id}/questions/new/",
        f"/recruitment/programmes/{round_.cohort.programme_id}/rounds/new/",
    ):
        problems += check(page, path)

    assert problems == []


def test_an_over_long_answer_is_counted_as_it_is_typed_and_refused_accessibly(recruiting, page):
    round_, _, applicant = recruiting
    application = Application.objects.create(round=round_, applicant=applicant)
    sign_in(page, applicant.email, PASSWORD)
    page.goto(f"/recruitment/applications/{application.pk}/edit/")
    field = page.get_by_label("Why do you want to join?")

    field.fill("one two three")
    counter = page.locator(".pioneer-word-count")
    assert counter.inner_text() == "You have 7 words remaining"
    field.fill("a b c d e f g h i j k l")
    assert counter.inner_text() == "You have 2 words too many"
    submit(page, "text=Save draft")

    assert (
        "Your answer is 12 words: keep it to 10 words or fewer."
        in page.locator(".nhsuk-error-summary").inner_text()
    )
    assert check(page, page.url) == []
    assert not application.answers.exists()


def test_applicant_applies_by_keyboard(recruiting, page):
    _, _, applicant = recruiting
    page.goto("/")
    tab_to(page, "el.id === 'id_login'")
    page.keyboard.type(applicant.email)
    tab_to(page, "el.id === 'id_password'")
    page.keyboard.type(PASSWORD)
    press_enter(page)

    tab_to(page, text_is("Your applications"))
    press_enter(page)
    tab_to(page, text_is("Cohort 3 applications"))
    press_enter(page)
    tab_to(page, text_is("Apply"))
    press_enter(page)
    tab_to(page, text_is("Start your application"))
    press_enter(page)
    assert re.search(r"/recruitment/applications/\d+/edit/$", page.url), page.url

    tab_to(page, "el.tagName === 'TEXTAREA'")
    page.keyboard.type("Our referrals take weeks; I want to fix that.")
    assert page.locator(".pioneer-word-count").inner_text() == "You have 1 word remaining"
    tab_to(page, "el.type === 'text'")
    page.keyboard.type("Leeds Teaching Hospitals")
    tab_to(page, "el.type === 'radio' && el.value === 'Band 7'")
    page.keyboard.press("Space")
    tab_to(page, "el.type === 'checkbox' && el.value === 'Data'")
    page.keyboard.press("Space")
    tab_to(page, "el.type === 'radio' && el.value === 'yes'")
    page.keyboard.press("Space")
    tab_to(page, text_is("Save draft"))
    press_enter(page)
    assert "Draft saved" in page.locator("main").inner_text()

    tab_to(page, text_is("Submit application"))
    press_enter(page)

    application = Application.objects.get(applicant=applicant)
    assert application.status == Application.Status.SUBMITTED
    assert {a.question.text: (a.text or a.chosen) for a in application.answers.all()} == {
        "Why do you want to join?": "Our referrals take weeks; I want to fix that.",
        "Your organisation": "Leeds Teaching Hospitals",
        "Your band": ["Band 7"],
        "Interests": ["Data"],
        "Do you manage a team?": "yes",
    }
    assert not EqualityResponse.objects.exists()
