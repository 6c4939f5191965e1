"""The thread under an adviser's comment: the fellow replies, the adviser is told (home
page and email) and may reply back; nobody else may write in it."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.factories import make_adviser
from projects import tasks
from projects.factories import CommentFactory, ProgressEntryFactory
from projects.models import CommentReply
from tests.matrix import assert_matrix, outcomes

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(world, entry):
    return CommentFactory(entry=entry, author=world.adviser, body="Who signs off the IG?")


def reply_as(client, user, comment, body, django_capture_on_commit_callbacks):
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("projects:reply_add", args=[comment.pk]), {"body": body})


def test_fellow_reply_is_in_the_thread_and_emails_the_adviser_once(
    client, world, comment, django_capture_on_commit_callbacks
):
    response = reply_as(
        client, world.owner, comment, "The Caldicott Guardian.", django_capture_on_commit_callbacks
    )
    reply = CommentReply.objects.get()
    tasks.send_reply_email(reply.pk)  # a second run, as a retried task would

    entry_url = reverse("projects:entry", args=[comment.entry_id])
    assert response["Location"] == f"{entry_url}#comment-{comment.pk}"
    assert (reply.comment, reply.author) == (comment, world.owner)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.adviser.email]
    assert message.subject == f"{world.owner.name} replied to a comment on a progress entry"
    assert "The Caldicott Guardian." in message.body
    assert entry_url in message.body
    page = client.get(entry_url)
    assert "The Caldicott Guardian." in page.text
    assert reverse("projects:reply_add", args=[comment.pk]) in page.text


def test_adviser_replies_back_and_the_fellow_is_emailed(
    client, world, comment, django_capture_on_commit_callbacks
):
    reply_as(
        client, world.owner, comment, "The Caldicott Guardian.", django_capture_on_commit_callbacks
    )
    mail.outbox.clear()

    reply_as(
        client, world.adviser, comment, "Book her in early.", django_capture_on_commit_callbacks
    )

    assert list(CommentReply.objects.values_list("author", flat=True)) == [
        world.owner.pk,
        world.adviser.pk,
    ]
    assert [message.to for message in mail.outbox] == [[world.owner.email]]
    client.force_login(world.owner)
    page = client.get(reverse("projects:entry", args=[comment.entry_id]))
    assert page.context["unread_replies"] == {CommentReply.objects.last().pk}
    assert "Book her in early." in page.text


def test_empty_reply_is_refused_with_a_message_and_nothing_sent(
    client, world, comment, django_capture_on_commit_callbacks
):
    response = reply_as(client, world.owner, comment, "  ", django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert response.context["form"].errors == {"body": ["Write your reply"]}
    assert "There is a problem" in response.text
    assert not CommentReply.objects.exists()
    assert mail.outbox == []


def test_adviser_home_counts_and_links_unread_replies_until_they_open_the_entry(
    client, world, comment
):
    CommentReply.objects.create(comment=comment, author=world.owner, body="Done, thanks.")
    CommentReply.objects.create(comment=comment, author=world.adviser, body="My own reply.")
    client.force_login(world.adviser)

    before = client.get(reverse("home"))
    client.get(reverse("projects:entry", args=[comment.entry_id]))
    after = client.get(reverse("home"))

    assert "1 unread reply from fellows" in before.text
    assert "Done, thanks." in before.text
    assert "My own reply." not in before.text  # an adviser's own words are not news to them
    assert (
        f"{reverse('projects:entry', args=[comment.entry_id])}#comment-{comment.pk}" in before.text
    )
    assert "Replies to your comments" not in after.text


def test_replies_to_another_advisers_comment_are_not_on_your_home_page(client, world, entry):
    colleague = make_adviser(world.programme)
    theirs = CommentFactory(entry=entry, author=colleague)
    CommentReply.objects.create(comment=theirs, author=world.owner, body="For your colleague.")
    client.force_login(world.adviser)

    response = client.get(reverse("home"))

    assert response.context["unread_replies"] == []
    assert "For your colleague." not in response.text


def test_adviser_who_has_left_is_not_emailed_but_the_reply_is_kept(
    client, world, comment, django_capture_on_commit_callbacks
):
    world.adviser.memberships.update(is_active=False)

    reply_as(client, world.owner, comment, "Thanks!", django_capture_on_commit_callbacks)

    assert CommentReply.objects.get().body == "Thanks!"
    assert mail.outbox == []


def test_adviser_home_queries_do_not_grow_with_unread_replies(
    client, world, project, django_assert_max_num_queries, django_assert_num_queries
):
    def add_replies(count):
        for _ in range(count):
            comment = CommentFactory(
                entry=ProgressEntryFactory(project=project), author=world.adviser
            )
            CommentReply.objects.create(comment=comment, author=world.owner, body="Noted.")

    client.force_login(world.adviser)
    client.get(reverse("home"))  # warm the session
    add_replies(1)  # each count after a write: the page is worked out, not cached
    with django_assert_max_num_queries(14) as small:
        client.get(reverse("home"))

    add_replies(14)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("home"))

    assert len(response.context["unread_replies"]) == 10
    assert "15 unread replies from fellows; the latest 10 are below." in response.text


def test_reply_matrix_refuses_everyone_but_the_fellow_and_the_programmes_advisers(world, comment):
    # "fellow" is another fellow of the cohort trying the owner's comment id (IDOR).
    url = reverse("projects:reply_add", args=[comment.pk])

    assert_matrix(world, url, outcomes(adviser=200, owner=200))
    assert_matrix(
        world, url, outcomes(adviser=302, owner=302), method="post", data={"body": "Agreed."}
    )
