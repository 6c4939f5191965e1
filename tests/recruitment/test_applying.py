"""Applying: the public round page, signing up from its Apply button, drafts, submitting
before the deadline, and "Your applications"."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.factories import UserFactory
from accounts.models import Membership, User
from recruitment.factories import ApplicationFactory, RoundFactory
from recruitment.models import Answer, Application
from recruitment.services.applying import application_save
from tests.matrix import adviser_only, assert_matrix, expect, signed_in
from tests.recruitment.applying_setup import (
    answers_data,
    close,
    open_round,
    others_submitted,
    owners_draft,
    questions,
)

pytestmark = pytest.mark.django_db


def test_round_public_page_matrix_anyone_reads_an_open_round(world):
    round_ = open_round(world)
    assert_matrix(world, reverse("recruitment:round_public", args=[round_.pk]), expect(200))


def test_round_public_page_shows_eligibility_dates_and_apply(client, world):
    round_ = open_round(world)

    response = client.get(reverse("recruitment:round_public", args=[round_.pk]))

    assert round_.eligibility in response.text
    assert reverse("recruitment:apply", args=[round_.pk]) in response.text
    assert "(UK time)" in response.text


def test_round_not_yet_open_has_no_public_page(client, world):
    round_ = open_round(world)
    round_.opens_at = timezone.now() + datetime.timedelta(days=1)
    round_.save()

    response = client.get(reverse("recruitment:round_public", args=[round_.pk]))

    assert response.status_code == 404


def test_closed_round_page_says_closed_and_offers_no_apply(client, world):
    round_ = open_round(world)
    close(round_)

    response = client.get(reverse("recruitment:round_public", args=[round_.pk]))

    assert "This round closed on" in response.text
    assert reverse("recruitment:apply", args=[round_.pk]) not in response.text


def test_signup_is_closed_to_someone_who_did_not_come_from_apply(client):
    response = client.get(reverse("account_signup"))

    assert "Create an account to apply" not in response.text


def test_apply_opens_signup_and_the_new_account_has_no_role(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    round_ = open_round(world)
    apply_url = reverse("recruitment:apply", args=[round_.pk])

    response = client.get(apply_url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_signup"))
    page = client.get(response["Location"])
    assert "Create an account to apply" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "name": "Priya Shah",
                "email": "priya@example.org",
                "password1": "a long pass phrase 42",
                "password2": "a long pass phrase 42",
                "next": apply_url,
            },
        )

    user = User.objects.get(email="priya@example.org")
    assert user.name == "Priya Shah"
    assert not Membership.objects.filter(user=user).exists()
    assert "priya@example.org" in mailoutbox[-1].to  # the email to verify


def test_apply_to_a_closed_round_does_not_open_signup(client, world):
    round_ = open_round(world)
    close(round_)

    response = client.get(reverse("recruitment:apply", args=[round_.pk]), follow=True)

    assert "This round is closed" in response.text
    assert "Create an account to apply" not in client.get(reverse("account_signup")).text


def test_signed_in_applicant_starts_one_application_only(client, world):
    round_ = open_round(world)
    client.force_login(world.owner)
    url = reverse("recruitment:apply", args=[round_.pk])

    first = client.post(url)
    second = client.post(url)

    application = Application.objects.get(round=round_, applicant=world.owner)
    edit = reverse("recruitment:application_edit", args=[application.pk])
    assert first["Location"] == second["Location"] == edit
    assert client.get(url)["Location"] == edit


def test_draft_is_kept_and_shown_when_the_applicant_comes_back(client, world):
    application = owners_draft(world)
    client.force_login(world.owner)
    url = reverse("recruitment:application_edit", args=[application.pk])

    response = client.post(url, answers_data(application.round) | {"save": "1"})

    assert response["Location"] == url
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT
    page = client.get(url)
    assert "To fix our referrals" in page.text
    assert "Leeds Teaching Hospitals" in page.text
    chosen = Answer.objects.get(application=application, question__text="Areas of interest")
    assert chosen.chosen == ["Data", "Design"]


def test_submitting_freezes_the_application_and_its_form(client, world):
    application = owners_draft(world)
    client.force_login(world.owner)

    response = client.post(
        reverse("recruitment:application_edit", args=[application.pk]),
        answers_data(application.round) | {"submit": "1"},
    )

    assert response["Location"] == reverse("recruitment:application", args=[application.pk])
    application.refresh_from_db()
    application.round.form.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert application.submitted_at is not None
    assert application.round.form.frozen


def test_submitting_without_a_required_answer_is_refused_and_nothing_changes(client, world):
    application = owners_draft(world)
    client.force_login(world.owner)
    data = answers_data(application.round, **{"Do you manage a team?": ""})

    response = client.post(
        reverse("recruitment:application_edit", args=[application.pk]), data | {"submit": "1"}
    )

    assert response.status_code == 200
    assert "Answer “Do you manage a team?”" in response.text
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT
    assert not application.answers.exists()


def test_over_long_answer_is_refused_with_the_count(client, world):
    application = owners_draft(world)
    client.force_login(world.owner)
    data = answers_data(
        application.round, **{"Why do you want to join?": "one two three four five six"}
    )

    response = client.post(
        reverse("recruitment:application_edit", args=[application.pk]), data | {"save": "1"}
    )

    assert response.status_code == 200
    assert "Your answer is 6 words: keep it to 5 words or fewer." in response.text
    assert not application.answers.exists()


def test_a_choice_not_offered_is_refused(client, world):
    application = owners_draft(world)
    client.force_login(world.owner)
    data = answers_data(application.round, **{"Your band": "Band 9"})

    response = client.post(
        reverse("recruitment:application_edit", args=[application.pk]), data | {"save": "1"}
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not application.answers.exists()


def test_after_closing_a_draft_can_be_neither_saved_nor_submitted(client, world):
    application = owners_draft(world)
    close(application.round)
    client.force_login(world.owner)
    url = reverse("recruitment:application_edit", args=[application.pk])

    response = client.post(url, answers_data(application.round) | {"submit": "1"}, follow=True)

    assert "This round closed on" in response.text
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT
    assert not application.answers.exists()


def test_the_deadline_is_checked_by_the_service_even_if_the_page_was_open(world):
    application = owners_draft(world)
    close(application.round, hours_ago=0)

    with pytest.raises(ValidationError, match="This round closed on"):
        application_save(application=application, answers={}, submit=True)


def test_a_second_submission_is_refused(client, world):
    round_ = open_round(world)
    application = others_submitted(world, round_)
    client.force_login(world.fellow)
    url = reverse("recruitment:application_edit", args=[application.pk])

    response = client.post(url, answers_data(round_) | {"submit": "1"}, follow=True)

    assert "You have submitted this application: it can no longer change." in response.text
    assert not application.answers.exists()


def test_application_pages_matrix_the_owner_and_the_rounds_advisers(world):
    application = owners_draft(world)
    others_submitted(world, application.round)  # the other fellow applied too
    detail = reverse("recruitment:application", args=[application.pk])
    edit = reverse("recruitment:application_edit", args=[application.pk])
    data = answers_data(application.round) | {"save": "1"}

    assert_matrix(world, detail, adviser_only() | {"owner": 200})
    assert_matrix(world, edit, adviser_only(403) | {"owner": 200})
    assert_matrix(world, edit, adviser_only(403) | {"owner": 302}, method="post", data=data)


def test_apply_matrix(world):
    round_ = open_round(world)
    owners_draft(world, round_)
    url = reverse("recruitment:apply", args=[round_.pk])

    assert_matrix(world, url, expect(200, anonymous=302, owner=302))


def test_your_applications_matrix(world):
    assert_matrix(world, reverse("recruitment:mine"), signed_in())


def test_your_applications_lists_own_with_status_and_open_rounds(client, world):
    application = owners_draft(world)
    others_submitted(world, application.round)
    other_round = RoundFactory(
        cohort__programme=world.programme, cohort__name="Spring", title="Spring intake"
    )
    client.force_login(world.owner)

    response = client.get(reverse("recruitment:mine"))

    assert reverse("recruitment:application", args=[application.pk]) in response.text
    assert "Draft" in response.text
    assert reverse("recruitment:round_public", args=[other_round.pk]) in response.text
    assert Application.objects.filter(applicant=world.fellow).get().pk != application.pk
    assert "Submitted" not in response.text


@pytest.mark.parametrize("size", [1, 4])
def test_your_applications_runs_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries, size
):
    for n in range(size):
        ApplicationFactory(
            applicant=world.owner,
            round=RoundFactory(cohort__programme=world.programme, cohort__name=f"Intake {n}"),
        )
    client.force_login(world.owner)

    with django_assert_max_num_queries(9):
        response = client.get(reverse("recruitment:mine"))

    assert response.text.count("Draft") == size


def test_adviser_reads_a_submitted_application_with_its_answers(client, world):
    application = owners_draft(world)
    client.force_login(world.owner)
    client.post(
        reverse("recruitment:application_edit", args=[application.pk]),
        answers_data(application.round) | {"submit": "1"},
    )
    client.force_login(world.adviser)

    response = client.get(reverse("recruitment:application", args=[application.pk]))

    assert "To fix our referrals" in response.text
    assert world.owner.name in response.text
    assert questions(application.round)["Why do you want to join?"].text in response.text


def test_anonymous_visitor_of_an_application_is_sent_to_sign_in(client, world):
    application = owners_draft(world)
    response = client.get(reverse("recruitment:application", args=[application.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_applicants_home_page_lists_their_applications_and_open_rounds(client, world):
    applicant = UserFactory(name="Priya Shah")
    application = ApplicationFactory(applicant=applicant, round=open_round(world))
    client.force_login(applicant)

    response = client.get(reverse("home"))

    assert reverse("recruitment:application", args=[application.pk]) in response.text
    assert "(1 open now)" in response.text
    assert "do not have a role" not in response.text
    assert [item.label for item in response.context["nav_items"]] == [
        "Home",
        "Your applications",
        "Your account",
    ]


def test_after_closing_the_applicant_still_finds_their_application(client, world):
    application = owners_draft(world)
    close(application.round)
    client.force_login(world.owner)

    response = client.get(reverse("recruitment:round_public", args=[application.round_id]))

    assert "This round closed on" in response.text
    assert reverse("recruitment:application", args=[application.pk]) in response.text


def test_signup_opened_by_apply_closes_when_the_round_closes(client, world):
    round_ = open_round(world)
    client.get(reverse("recruitment:apply", args=[round_.pk]))
    assert "Create an account to apply" in client.get(reverse("account_signup")).text

    with time_machine.travel(round_.closes_at + datetime.timedelta(seconds=1)):
        response = client.get(reverse("account_signup"))

    assert "Create an account to apply" not in response.text


def _sign_up(client, email, next_url, capture):
    with capture(execute=True):
        return client.post(
            reverse("account_signup"),
            {
                "name": "Priya Shah",
                "email": email,
                "password1": "a long pass phrase 42",
                "password2": "a long pass phrase 42",
                "next": next_url,
            },
        )


def test_creating_an_account_closes_signup_in_that_browser(
    client, world, django_capture_on_commit_callbacks
):
    round_ = open_round(world)
    apply_url = reverse("recruitment:apply", args=[round_.pk])
    client.get(apply_url)
    # Verification is mandatory, so the browser is still signed out after signing up.
    _sign_up(client, "priya@example.org", apply_url, django_capture_on_commit_callbacks)

    page = client.get(reverse("account_signup"))
    _sign_up(client, "second@example.org", apply_url, django_capture_on_commit_callbacks)

    assert "Create an account to apply" not in page.text
    assert User.objects.filter(email="priya@example.org").exists()
    assert not User.objects.filter(email="second@example.org").exists()


def test_signing_out_closes_signup_opened_by_apply(
    client, world, django_capture_on_commit_callbacks
):
    round_ = open_round(world)
    apply_url = reverse("recruitment:apply", args=[round_.pk])
    client.get(apply_url)
    client.force_login(world.owner)

    client.post(reverse("account_logout"))
    _sign_up(client, "third@example.org", apply_url, django_capture_on_commit_callbacks)

    assert not User.objects.filter(email="third@example.org").exists()


def nav_labels(response) -> list[str]:
    return [item.label for item in response.context["nav_items"]]


def test_someone_with_a_role_who_has_applied_finds_your_applications(client, world):
    ApplicationFactory(applicant=world.owner, round=open_round(world))
    client.force_login(world.owner)  # a fellow

    assert "Your applications" in nav_labels(client.get(reverse("home")))


def test_someone_with_a_role_who_has_not_applied_has_no_your_applications(client, world):
    client.force_login(world.owner)

    assert "Your applications" not in nav_labels(client.get(reverse("home")))


def test_your_applications_appears_once_a_role_holder_applies_in_this_browser(client, world):
    round_ = open_round(world)
    client.force_login(world.owner)

    client.post(reverse("recruitment:apply", args=[round_.pk]))

    assert "Your applications" in nav_labels(client.get(reverse("home")))


def test_your_applications_in_the_navigation_costs_no_query(client, world):
    """The page runs as many queries for a fellow who has applied as for one who has not."""
    ApplicationFactory(applicant=world.owner, round=open_round(world))
    counts = []
    for person in (world.owner, world.fellow):
        client.force_login(person)
        with CaptureQueriesContext(connection) as queries:
            labels = nav_labels(client.get(reverse("home")))
        counts.append((len(queries), "Your applications" in labels))

    assert counts[0] == (counts[1][0], True)
    assert counts[1][1] is False
