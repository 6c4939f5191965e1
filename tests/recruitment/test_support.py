"""The line manager's support: a single-use emailed link, no account needed; reminders at
most once a day; used, replaced and expired links say so and change nothing."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from recruitment.models import SupportRequest
from tests.matrix import adviser_only, assert_matrix, expect
from tests.recruitment.applying_setup import close, others_submitted, owners_draft

pytestmark = pytest.mark.django_db
Status = SupportRequest.Status
MANAGER = {"manager_name": "Sam Patel", "manager_email": "sam.patel@nhs.example"}


@pytest.fixture
def ask(client, world, mailoutbox, django_capture_on_commit_callbacks):
    """The owner names their manager; returns (application, the link's path)."""

    def ask(application=None):
        application = application or owners_draft(world)
        client.force_login(world.owner)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("recruitment:support", args=[application.pk]), MANAGER)
        client.logout()
        return application, link_in(mailoutbox[-1])

    return ask


def link_in(message) -> str:
    return re.search(r"http://[^/]+(/recruitment/support/[\w-]+/)", message.body).group(1)


def confirm(client, path, **changes):
    data = {"decision": "confirm", "protected_time": "on", "statement": "Sam has my support."}
    return client.post(path, data | changes)


def test_naming_the_manager_emails_them_a_link_and_keeps_only_its_hash(ask, mailoutbox):
    application, path = ask()

    support = SupportRequest.objects.get(application=application)
    assert mailoutbox[-1].to == ["sam.patel@nhs.example"]
    assert "Chloe Evans" in mailoutbox[-1].subject
    assert support.status == Status.WAITING
    assert support.sent_at is not None
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert token not in support.token_hash


def test_manager_confirms_support_without_an_account(client, world, ask):
    application, path = ask()

    page = client.get(path)
    response = confirm(client, path)

    assert "Chloe Evans" in page.text
    assert "Thank you" in response.text
    support = SupportRequest.objects.get(application=application)
    assert (support.status, support.protected_time, support.statement) == (
        Status.CONFIRMED,
        True,
        "Sam has my support.",
    )
    client.force_login(world.owner)
    assert (
        "Support confirmed"
        in client.get(reverse("recruitment:application", args=[application.pk])).text
    )


def test_manager_declines(client, ask):
    application, path = ask()

    client.post(path, {"decision": "decline", "statement": ""})

    support = SupportRequest.objects.get(application=application)
    assert (support.status, support.protected_time) == (Status.DECLINED, False)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"statement": ""}, "Write a short statement of your support."),
        ({"protected_time": ""}, "Confirm the applicant will have protected time, or decline."),
        ({"decision": ""}, "Choose whether you support this application"),
        ({"statement": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_incomplete_answer_is_refused_and_the_link_still_works(client, ask, changes, message):
    application, path = ask()

    response = confirm(client, path, **changes)

    assert message in response.text
    assert SupportRequest.objects.get(application=application).status == Status.WAITING


def test_a_used_link_says_so_and_changes_nothing(client, ask):
    application, path = ask()
    confirm(client, path)

    again = client.post(path, {"decision": "decline", "statement": ""})

    assert "This link has already been used" in again.text
    assert "support confirmed" in again.text
    assert SupportRequest.objects.get(application=application).status == Status.CONFIRMED


def test_an_expired_link_says_so(client, ask):
    application, path = ask()
    SupportRequest.objects.filter(application=application).update(
        sent_at=timezone.now() - datetime.timedelta(days=22)
    )

    response = confirm(client, path)

    assert "This link has expired" in response.text
    assert SupportRequest.objects.get(application=application).status == Status.WAITING


def test_an_unknown_link_says_so(client):
    response = client.get(reverse("recruitment:support_respond", args=["not-a-real-token"]))

    assert response.status_code == 200
    assert "This link is not valid" in response.text


def test_a_reminder_sends_a_fresh_link_once_a_day(
    client, world, ask, mailoutbox, django_capture_on_commit_callbacks
):
    application, first_path = ask()
    support = SupportRequest.objects.get(application=application)
    SupportRequest.objects.filter(pk=support.pk).update(
        sent_at=timezone.now() - datetime.timedelta(days=2)
    )
    client.force_login(world.owner)
    remind = reverse("recruitment:support_remind", args=[application.pk])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(remind)
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(remind, follow=True)

    assert len(mailoutbox) == 2
    assert mailoutbox[-1].subject.startswith("Reminder:")
    assert "A reminder can be sent once a day" in refused.text
    client.logout()
    assert "This link is not valid" in client.get(first_path).text
    assert "Thank you" in confirm(client, link_in(mailoutbox[-1])).text


def test_a_reminder_the_same_day_as_the_request_is_refused(client, world, ask, mailoutbox):
    application, _ = ask()
    client.force_login(world.owner)

    response = client.post(
        reverse("recruitment:support_remind", args=[application.pk]), follow=True
    )

    assert "A reminder can be sent once a day" in response.text
    assert len(mailoutbox) == 1


def test_naming_yourself_as_manager_is_refused(client, world):
    application = owners_draft(world)
    client.force_login(world.owner)

    response = client.post(
        reverse("recruitment:support", args=[application.pk]),
        MANAGER | {"manager_email": world.owner.email.upper()},
    )

    assert "email, not your own." in response.text
    assert not SupportRequest.objects.exists()


def test_after_closing_the_manager_cannot_be_changed(client, world):
    application = owners_draft(world)
    close(application.round)
    client.force_login(world.owner)

    response = client.post(reverse("recruitment:support", args=[application.pk]), MANAGER)

    assert "the line manager can no longer be changed" in response.text
    assert not SupportRequest.objects.exists()


def test_support_pages_matrix(world):
    application = owners_draft(world)
    others_submitted(world, application.round)
    url = reverse("recruitment:support", args=[application.pk])

    assert_matrix(world, url, adviser_only(403) | {"owner": 200})
    assert_matrix(world, url, adviser_only(403) | {"owner": 302}, method="post", data=MANAGER)
    assert_matrix(
        world,
        reverse("recruitment:support_remind", args=[application.pk]),
        adviser_only(403) | {"owner": 302},
        method="post",
    )


def test_the_managers_page_needs_no_account(world, ask):
    _, path = ask()
    assert_matrix(world, path, expect(200))
