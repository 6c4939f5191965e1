"""Applicants not offered a place get the round's templated email, with the feedback an
adviser chose to include, once."""

import pytest
from django.core import mail
from django.urls import reverse

from recruitment import tasks
from recruitment.factories import SubmittedApplicationFactory
from recruitment.models import Application, UnsuccessfulEmail
from tests.matrix import adviser_only, assert_matrix
from tests.recruitment.recruiting import build_recruiting

pytestmark = pytest.mark.django_db

Decision = Application.Decision


@pytest.fixture
def recruiting(world):
    made = build_recruiting(world)
    made.application.decision = Decision.DECLINED
    made.application.save()
    return made


def test_unsuccessful_applicants_get_the_email_with_their_feedback_once(
    client, world, recruiting, django_capture_on_commit_callbacks
):
    quiet = SubmittedApplicationFactory(round=recruiting.round, decision=Decision.DECLINED)
    client.force_login(world.adviser)
    client.post(
        reverse("recruitment:email_template", args=[recruiting.round.pk, "unsuccessful"]),
        {"subject": "Your application to {programme}", "body": "Dear {name}, thank you."},
    )
    client.post(
        reverse("recruitment:feedback_edit", args=[recruiting.application.pk]),
        {"feedback": "Your project plan was strong; say more about its measures."},
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("recruitment:unsuccessful_send", args=[recruiting.round.pk]), follow=True
        )

    assert "2 emails sent" in response.text
    owner_copy = next(m for m in mail.outbox if m.to == [world.owner.email])
    assert owner_copy.subject == "Your application to Digital Pioneer Fellowship"
    assert "Dear Chloe Evans, thank you." in owner_copy.body
    assert "Feedback from the panel:\nYour project plan was strong" in owner_copy.body
    quiet_copy = next(m for m in mail.outbox if m.to == [quiet.applicant.email])
    assert "Feedback from the panel" not in quiet_copy.body
    # Neither a second click nor the task run again sends any more.
    again = client.post(
        reverse("recruitment:unsuccessful_send", args=[recruiting.round.pk]), follow=True
    )
    for email in UnsuccessfulEmail.objects.all():
        tasks.send_unsuccessful_email(email.pk)
    assert "Everyone not offered a place has had their email already." in again.text
    assert len(mail.outbox) == 2


def test_feedback_cannot_change_once_the_email_has_gone(client, world, recruiting):
    UnsuccessfulEmail.objects.create(
        application=recruiting.application, feedback="Sent", queued_at="2026-01-01T10:00Z"
    )
    client.force_login(world.adviser)

    response = client.post(
        reverse("recruitment:feedback_edit", args=[recruiting.application.pk]), {"feedback": "New"}
    )

    assert "The email to this applicant has been sent already." in response.text
    assert UnsuccessfulEmail.objects.get().feedback == "Sent"


def test_feedback_only_for_applicants_not_offered_a_place(client, world, recruiting):
    client.force_login(world.adviser)

    response = client.post(
        reverse("recruitment:feedback_edit", args=[recruiting.other_application.pk]),
        {"feedback": "Good"},
    )

    assert "Feedback goes only to applicants who were not offered a place." in response.text
    assert not UnsuccessfulEmail.objects.exists()


def test_over_long_feedback_is_refused(client, world, recruiting):
    client.force_login(world.adviser)

    response = client.post(
        reverse("recruitment:feedback_edit", args=[recruiting.application.pk]),
        {"feedback": "x" * 3001},
    )

    assert "at most 3000 characters" in response.text
    assert not UnsuccessfulEmail.objects.exists()


def test_feedback_is_the_programme_advisers_only(world, recruiting):
    # The applicant never sees the draft feedback page: only the email, once sent.
    url = reverse("recruitment:feedback_edit", args=[recruiting.application.pk])
    assert_matrix(world, url, adviser_only())
    assert_matrix(world, url, adviser_only(302), method="post", data={"feedback": "Good"})


def test_the_applicant_sees_the_outcome_only_once_the_email_is_sent(client, world, recruiting):
    page = reverse("recruitment:application", args=[recruiting.application.pk])
    client.force_login(world.owner)
    UnsuccessfulEmail.objects.create(application=recruiting.application, feedback="Draft")
    before = client.get(page)
    UnsuccessfulEmail.objects.update(queued_at="2026-11-02T10:00Z")

    after = client.get(page)

    assert "Not offered a place" not in before.text
    assert "Not offered a place: we emailed you on 2 November 2026" in after.text
