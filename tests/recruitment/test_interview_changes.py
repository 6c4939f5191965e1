"""An applicant moves or cancels their interview up to 24 hours before it: the slot is
free again, the advisers are told once, and the calendar gets a CANCEL for the old time and
a new invite for a moved one."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.clock import LONDON
from recruitment import tasks
from recruitment.factories import InterviewSlotFactory
from recruitment.models import InterviewBooking, InterviewChange
from tests.matrix import WRONG_METHOD, assert_matrix, outcomes
from tests.recruitment.recruiting import build_recruiting

pytestmark = pytest.mark.django_db


@pytest.fixture
def recruiting(world):
    made = build_recruiting(world)
    InterviewBooking.objects.create(slot=made.slot, application=made.application)
    return made


def _page(client, application):
    return client.get(reverse("recruitment:interview_book", args=[application.pk]))


def _cancel(client, application):
    return client.post(reverse("recruitment:interview_cancel", args=[application.pk]))


def _move(client, application, slot):
    return client.post(
        reverse("recruitment:interview_move", args=[application.pk]), {"slot": slot.pk}
    )


def _ics(message) -> str:
    _name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    return content if isinstance(content, str) else content.decode()


def test_applicant_cancels_the_slot_is_free_and_advisers_are_told_once(
    client, world, recruiting, django_capture_on_commit_callbacks
):
    booking = recruiting.application.interview
    client.force_login(world.owner)
    deadline = (recruiting.slot.starts_at - datetime.timedelta(hours=24)).astimezone(LONDON)

    page = _page(client, recruiting.application)
    with django_capture_on_commit_callbacks(execute=True):
        response = _cancel(client, recruiting.application)
    change = InterviewChange.objects.get()
    tasks.send_interview_changed(change.pk)  # a retry: sent once
    tasks.send_interview_cancel(change.pk)

    assert f"You can move or cancel this interview until {deadline:%H:%M}" in page.text
    assert response.status_code == 302
    assert not InterviewBooking.objects.exists()
    by_recipient = {tuple(message.to): message for message in mail.outbox}
    assert len(mail.outbox) == 2
    assert sorted(by_recipient) == sorted([(world.adviser.email,), (world.owner.email,)])
    advisers = by_recipient[(world.adviser.email,)]
    assert advisers.subject == f"{recruiting.application.reference} cancelled their interview"
    assert world.owner.name not in advisers.body
    assert "The slot is free again." in advisers.body
    cancel = _ics(by_recipient[(world.owner.email,)])
    assert "METHOD:CANCEL" in cancel
    assert f"UID:interview-{booking.pk}@" in cancel
    assert "STATUS:CANCELLED" in cancel
    # Another shortlisted applicant can now book the freed time.
    client.force_login(world.fellow)
    client.post(
        reverse("recruitment:interview_book", args=[recruiting.other_application.pk]),
        {"slot": recruiting.slot.pk},
    )
    assert InterviewBooking.objects.get().application == recruiting.other_application


def test_applicant_moves_gets_a_cancel_and_a_new_invite_and_advisers_are_told(
    client, world, recruiting, django_capture_on_commit_callbacks
):
    old = recruiting.application.interview
    later = InterviewSlotFactory(round=recruiting.round, place="Room 9")
    client.force_login(world.owner)

    with django_capture_on_commit_callbacks(execute=True):
        response = _move(client, recruiting.application, later)

    assert response.status_code == 302
    moved = InterviewBooking.objects.get()
    assert (moved.slot, moved.application) == (later, recruiting.application)
    assert moved.pk != old.pk
    assert len(mail.outbox) == 3  # the advisers' note, the CANCEL, the new invite
    invites = {message.subject: _ics(message) for message in mail.outbox if message.attachments}
    assert "METHOD:CANCEL" in invites["Your interview has moved"]
    assert f"UID:interview-{old.pk}@" in invites["Your interview has moved"]
    (new_invite,) = [ics for ics in invites.values() if "METHOD:REQUEST" in ics]
    assert f"UID:interview-{moved.pk}@" in new_invite
    assert "Room 9" in new_invite
    advisers = next(message for message in mail.outbox if message.to == [world.adviser.email])
    assert advisers.subject == f"{recruiting.application.reference} moved their interview"
    assert "Room 9" in advisers.body
    assert "Room 2, Skipton House" in advisers.body


def test_moving_to_a_time_just_taken_keeps_the_old_booking_and_sends_nothing(
    client, world, recruiting, django_capture_on_commit_callbacks
):
    taken = InterviewSlotFactory(round=recruiting.round)
    client.force_login(world.owner)
    page = _page(client, recruiting.application)  # the owner sees `taken` as free...
    InterviewBooking.objects.create(slot=taken, application=recruiting.other_application)

    with django_capture_on_commit_callbacks(execute=True):
        response = _move(client, recruiting.application, taken)  # ...then someone books it

    assert taken.place in page.text
    assert response.status_code == 200
    assert "That time has just been taken. Choose another time." in response.text
    assert recruiting.application.interview.slot == recruiting.slot
    assert not InterviewChange.objects.exists()
    assert mail.outbox == []


def test_within_24_hours_the_interview_cannot_be_moved_or_cancelled(
    client, world, recruiting, django_capture_on_commit_callbacks
):
    soon = timezone.now() + datetime.timedelta(hours=23)
    recruiting.slot.starts_at, recruiting.slot.ends_at = soon, soon + datetime.timedelta(hours=1)
    recruiting.slot.save()
    later = InterviewSlotFactory(round=recruiting.round)
    client.force_login(world.owner)

    page = _page(client, recruiting.application)
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = client.post(
            reverse("recruitment:interview_cancel", args=[recruiting.application.pk]),
            follow=True,
        )
        moved = _move(client, recruiting.application, later)

    assert "less than 24 hours away, so it can no longer be moved or cancelled" in page.text
    assert "Cancel my interview" not in page.text
    refusal = "Your interview is less than 24 hours away, so it can no longer be changed"
    assert refusal in cancelled.text
    assert refusal in moved.text
    assert recruiting.application.interview.slot == recruiting.slot
    assert not InterviewChange.objects.exists()
    assert mail.outbox == []


def test_cancelling_with_nothing_booked_is_a_clear_message(client, world, recruiting):
    InterviewBooking.objects.all().delete()
    client.force_login(world.owner)

    response = _cancel(client, recruiting.application)

    assert "You have no interview booked." in client.get(response.url).text


def test_only_the_applicant_moves_or_cancels_their_own_interview(world, recruiting):
    later = InterviewSlotFactory(round=recruiting.round)
    cancel = reverse("recruitment:interview_cancel", args=[recruiting.application.pk])
    move = reverse("recruitment:interview_move", args=[recruiting.application.pk])
    # "fellow" is another applicant of the same round: the owner's booking is not theirs.
    assert_matrix(world, cancel, outcomes(adviser=403, owner=302), method="post")
    assert_matrix(
        world, move, outcomes(adviser=403, owner=302), method="post", data={"slot": later.pk}
    )
    assert_matrix(world, cancel, WRONG_METHOD | {"anonymous": 405})
    assert_matrix(world, move, WRONG_METHOD | {"anonymous": 405})
