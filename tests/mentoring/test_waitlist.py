import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from accounts.factories import make_fellow
from mentoring import tasks
from mentoring.factories import days_ahead
from mentoring.models import WaitlistEntry
from mentoring.services.bookings import booking_cancel, booking_create
from mentoring.services.slots import slot_create
from mentoring.services.waitlist import waitlist_join

pytestmark = pytest.mark.django_db


@pytest.fixture
def full(mentoring):
    """The mentor's only slot is booked by `fellow`."""
    world = mentoring.world
    booking = booking_create(slot=mentoring.slot, fellow=world.fellow, agenda="Data")
    mail.outbox.clear()
    return booking


def test_fellow_joins_a_full_mentors_waitlist_for_30_days(mentoring, full):
    entry = waitlist_join(profile=mentoring.profile, fellow=mentoring.world.owner)

    lasts = entry.expires_at - entry.created
    assert abs(lasts - datetime.timedelta(days=30)) < datetime.timedelta(seconds=1)


def test_cannot_join_twice_or_when_slots_are_free(mentoring, full):
    world = mentoring.world
    waitlist_join(profile=mentoring.profile, fellow=world.owner)

    with pytest.raises(ValidationError, match="already on"):
        waitlist_join(profile=mentoring.profile, fellow=world.owner)
    booking_cancel(booking=full, by=world.fellow)
    with pytest.raises(ValidationError, match="has free slots"):
        waitlist_join(profile=mentoring.profile, fellow=world.fellow)
    assert WaitlistEntry.objects.count() == 1


def test_a_freed_slot_emails_the_first_in_line_only(
    mentoring, full, django_capture_on_commit_callbacks
):
    world = mentoring.world
    first = waitlist_join(profile=mentoring.profile, fellow=world.owner)
    later = waitlist_join(profile=mentoring.profile, fellow=make_fellow(world.cohort))

    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=full, by=world.fellow)

    waitlist_mail = [m for m in mail.outbox if "slot free" in m.subject]
    assert [m.to for m in waitlist_mail] == [[world.owner.email]]
    first.refresh_from_db()
    assert first.notified_at is not None
    later.refresh_from_db()
    assert later.notified_at is None
    assert WaitlistEntry.objects.filter(pk=first.pk).exists()  # emailed, not booked


def test_a_new_slot_emails_the_waitlist(mentoring, full, django_capture_on_commit_callbacks):
    world = mentoring.world
    waitlist_join(profile=mentoring.profile, fellow=world.owner)

    with django_capture_on_commit_callbacks(execute=True):
        slot_create(
            mentor=world.mentor,
            programme=world.programme,
            day=days_ahead(8).date(),
            start=datetime.time(15, 0),
            minutes=30,
            location="Bush House",
        )

    assert [m.to for m in mail.outbox] == [[world.owner.email]]


def test_an_offer_is_emailed_once_however_often_its_task_runs(mentoring, full):
    world = mentoring.world
    entry = waitlist_join(profile=mentoring.profile, fellow=world.owner)
    booking_cancel(booking=full, by=world.fellow)
    mail.outbox.clear()

    tasks.send_waitlist_offer(entry.pk)
    tasks.send_waitlist_offer(entry.pk)

    assert [m.to for m in mail.outbox] == [[world.owner.email]]


def test_an_offer_whose_email_never_left_is_sent_by_the_sweep(
    mentoring, full, django_capture_on_commit_callbacks
):
    world = mentoring.world
    first = waitlist_join(profile=mentoring.profile, fellow=world.owner)
    waitlist_join(profile=mentoring.profile, fellow=make_fellow(world.cohort))
    # The broker is down: the email task enqueued after the cancellation never runs.
    booking_cancel(booking=full, by=world.fellow)
    mail.outbox.clear()
    first.refresh_from_db()
    offered_at = first.offered_at

    with (
        time_machine.travel(offered_at + datetime.timedelta(minutes=10), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        too_soon = tasks.sweep_unsent_emails()
    with time_machine.travel(offered_at + datetime.timedelta(minutes=20), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            swept = tasks.sweep_unsent_emails()  # the cancellation's email and the offer
        with django_capture_on_commit_callbacks(execute=True):
            again = tasks.sweep_unsent_emails()

    assert (too_soon, swept, again) == (0, 2, 0)
    waitlist_mail = [m for m in mail.outbox if "slot free" in m.subject]
    assert [m.to for m in waitlist_mail] == [[world.owner.email]]  # the first in line only
    first.refresh_from_db()
    assert first.notified_at is not None


def test_expired_entries_are_not_offered_and_are_cleared(
    mentoring, full, django_capture_on_commit_callbacks
):
    world = mentoring.world
    waitlist_join(profile=mentoring.profile, fellow=world.owner)

    with time_machine.travel(days_ahead(31), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            slot_create(
                mentor=world.mentor,
                programme=world.programme,
                day=days_ahead(40).date(),
                start=datetime.time(10, 0),
                minutes=30,
                location="Bush House",
            )
        cleared = tasks.expire_waitlist()

    assert mail.outbox == []
    assert cleared == 1
    assert not WaitlistEntry.objects.exists()


def test_a_freed_slot_is_not_offered_to_the_fellow_who_cancelled_it(
    mentoring, full, django_capture_on_commit_callbacks
):
    world = mentoring.world
    # The fellow holding the slot also waits for another time with the same mentor.
    own = waitlist_join(profile=mentoring.profile, fellow=world.fellow)
    next_fellow = make_fellow(world.cohort)
    other = waitlist_join(profile=mentoring.profile, fellow=next_fellow)

    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=full, by=world.fellow)

    waitlist_mail = [m for m in mail.outbox if "slot free" in m.subject]
    assert [m.to for m in waitlist_mail] == [[next_fellow.email]]
    own.refresh_from_db()
    other.refresh_from_db()
    assert (own.offered_at, own.notified_at) == (None, None)
    assert other.notified_at is not None


def test_a_freed_slot_waiting_only_for_its_canceller_is_offered_to_nobody(
    mentoring, full, django_capture_on_commit_callbacks
):
    world = mentoring.world
    own = waitlist_join(profile=mentoring.profile, fellow=world.fellow)

    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=full, by=world.fellow)

    own.refresh_from_db()
    assert own.offered_at is None
    assert not [m for m in mail.outbox if "slot free" in m.subject]
