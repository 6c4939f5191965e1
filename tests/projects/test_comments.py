import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from projects import tasks
from projects.factories import CommentFactory, ProgressEntryFactory
from projects.models import Comment

pytestmark = pytest.mark.django_db


def comment_on(client, world, entry, body, django_capture_on_commit_callbacks):
    client.force_login(world.adviser)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("projects:comment_add", args=[entry.pk]), {"body": body})


def test_adviser_comment_emails_the_fellow_once(
    client, world, entry, django_capture_on_commit_callbacks
):
    response = comment_on(
        client, world, entry, "Speak to the Caldicott Guardian.", django_capture_on_commit_callbacks
    )
    comment = Comment.objects.get()
    tasks.send_comment_email(comment.pk)  # a second run, as a retried task would

    assert response["Location"] == reverse("projects:entry", args=[entry.pk])
    assert (comment.author, comment.read_at) == (world.adviser, None)
    assert comment.emailed_at is not None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.owner.email]
    assert message.subject == f"{world.adviser.name} commented on your progress entry"
    assert "Speak to the Caldicott Guardian." in message.body
    assert f"/projects/entries/{entry.pk}/" in message.body


def test_empty_comment_is_refused_and_nothing_sent(
    client, world, entry, django_capture_on_commit_callbacks
):
    response = comment_on(client, world, entry, "   ", django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert response.context["form"].errors == {"body": ["Write your comment"]}
    assert "There is a problem" in response.text
    assert not Comment.objects.exists()
    assert mail.outbox == []


def test_unread_comments_show_on_the_fellows_home_page_until_they_open_the_project(
    client, world, entry
):
    CommentFactory(entry=entry, author=world.adviser, body="Lovely data on the pilot ward.")
    client.force_login(world.owner)

    before = client.get(reverse("home"))
    project_page = client.get(reverse("projects:detail", args=[entry.project_id]))
    after = client.get(reverse("home"))

    assert "New comments from your adviser" in before.text
    assert "Lovely data on the pilot ward." in before.text
    assert "New</strong>" in project_page.text  # flagged on the page that marks it read
    assert Comment.objects.get().read_at is not None
    assert "New comments from your adviser" not in after.text


def test_opening_an_entry_marks_only_its_comments_read(client, world, project):
    first = ProgressEntryFactory(project=project)
    second = ProgressEntryFactory(project=project)
    CommentFactory(entry=first, author=world.adviser)
    CommentFactory(entry=second, author=world.adviser)
    client.force_login(world.owner)

    client.get(reverse("projects:entry", args=[first.pk]))

    assert list(Comment.objects.filter(read_at__isnull=True).values_list("entry", flat=True)) == [
        second.pk
    ]


def test_an_adviser_reading_the_project_leaves_comments_unread(client, world, entry):
    CommentFactory(entry=entry, author=world.adviser)
    client.force_login(world.adviser)

    client.get(reverse("projects:detail", args=[entry.project_id]))
    client.get(reverse("projects:entry", args=[entry.pk]))

    assert Comment.objects.get().read_at is None


def test_comment_whose_email_never_left_is_sent_by_the_sweep(
    world, entry, django_capture_on_commit_callbacks
):
    comment = CommentFactory(entry=entry, author=world.adviser)

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=20)):
        with django_capture_on_commit_callbacks(execute=True):
            swept = tasks.sweep_unsent_comment_emails()
        with django_capture_on_commit_callbacks(execute=True):
            again = tasks.sweep_unsent_comment_emails()

    comment.refresh_from_db()
    assert (swept, again) == (1, 0)
    assert comment.emailed_at is not None
    assert [message.to for message in mail.outbox] == [[world.owner.email]]


def test_a_fellow_who_has_left_the_cohort_is_not_emailed_but_the_comment_is_kept(
    client, world, entry, django_capture_on_commit_callbacks
):
    world.owner.memberships.filter(cohort=world.cohort).update(is_active=False)

    response = comment_on(
        client, world, entry, "Well done on the pilot.", django_capture_on_commit_callbacks
    )
    with (
        time_machine.travel(timezone.now() + datetime.timedelta(minutes=20)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        swept = tasks.sweep_unsent_comment_emails()

    assert response["Location"] == reverse("projects:entry", args=[entry.pk])
    assert Comment.objects.get().body == "Well done on the pilot."
    assert swept == 0
    assert mail.outbox == []


def test_a_comment_on_an_older_page_of_the_timeline_stays_new_until_that_page_is_shown(
    client, world, project
):
    entries = [
        ProgressEntryFactory(
            project=project, happened_on=timezone.localdate() - datetime.timedelta(days=days)
        )
        for days in range(1, 13)  # 12 entries: page 1 shows 10, page 2 the oldest two
    ]
    CommentFactory(entry=entries[-1], author=world.adviser, body="About your first week.")
    url = reverse("projects:detail", args=[project.pk])
    client.force_login(world.owner)

    first = client.get(url)

    assert "About your first week." not in first.text
    assert Comment.objects.get().read_at is None
    assert "About your first week." in client.get(reverse("home")).text

    second = client.get(url, {"page": 2})

    assert second.context["unread"] == {Comment.objects.get().pk}
    assert "About your first week." in second.text
    assert Comment.objects.get().read_at is not None
