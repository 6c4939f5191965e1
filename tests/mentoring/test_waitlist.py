import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from fellowship.accounts.factories import make_fellow
from mentoring import services, tasks
from mentoring.factories import SlotFactory, days_ahead
from mentoring.models import WaitlistEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def full(mentoring):
    """The mentor's only slot is booked by `fellow`."""
    world = mentoring.world
    booking = services.booking_create(slot=mentoring.slot, fellow=world.fellow, agenda="Data")
    mail.outbox.clear()
    return booking


def test_fellow_joins_a_full_mentors_waitlist_for_30_days(mentoring, full):
    entry = services.waitlist_join(profile=mentoring.profile, fellow=mentoring.world.owner)

    lasts = entry.expires_at - entry.created
    assert abs(lasts - datetime.timedelta(days=30)) < datetime.timedelta(seconds=1)


def test_cannot_join_twice_or_when_slots_are_free(mentoring, full):
    world = mentoring.world
    services.waitlist_join(profile=mentoring.profile, fellow=world.owner)

    with pytest.raises(ValidationError, match="already on"):
        services.waitlist_join(profile=mentoring.profile, fellow=world.owner)
    services.booking_cancel(booking=full, by=world.fellow)
    with pytest.raises(ValidationError, match="has free slots"):
        services.waitlist_join(profile=mentoring.profile, fellow=world.fellow)
    assert WaitlistEntry.objects.count() == 1


def test_a_freed_slot_emails_the_first_in_line_only(
    mentoring, full, django_capture_on_commit_callbacks
):
    world = mentoring.world
    first = services.waitlist_join(profile=mentoring.profile, fellow=world.owner)
    later = services.waitlist_join(profile=mentoring.profile, fellow=make_fellow(world.cohort))

    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=full, by=world.fellow)

    waitlist_mail = [m for m in mail.outbox if "slot free" in m.subject]
    assert [m.to for m in waitlist_mail] == [[world.owner.email]]
    first.refresh_from_db()
    assert first.notified_at is not None
    later.refresh_from_db()
    assert later.notified_at is None
    assert WaitlistEntry.objects.filter(pk=first.pk).exists()  # emailed, not booked


def test_a_new_slot_emails_the_waitlist(mentoring, full, django_capture_on_commit_callbacks):
    world = mentoring.world
    services.waitlist_join(profile=mentoring.profile, fellow=world.owner)

    with django_capture_on_commit_callbacks(execute=True):
        services.slot_create(
            mentor=world.mentor,
            programme=world.programme,
            day=days_ahead(8).date(),
            start=datetime.time(15, 0),
            minutes=30,
            location="Bush House",
        )

    assert [m.to for m in mail.outbox] == [[world.owner.email]]


def test_notifying_twice_emails_once(mentoring, full):
    world = mentoring.world
    services.waitlist_join(profile=mentoring.profile, fellow=world.owner)
    services.booking_cancel(booking=full, by=world.fellow)
    mail.outbox.clear()

    tasks.notify_waitlist(world.mentor.pk, world.programme.pk)
    tasks.notify_waitlist(world.mentor.pk, world.programme.pk)

    assert len(mail.outbox) == 1


def test_expired_entries_are_skipped_and_cleared(mentoring, full):
    world = mentoring.world
    services.waitlist_join(profile=mentoring.profile, fellow=world.owner)
    SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(40))

    with time_machine.travel(days_ahead(31), tick=False):
        sent = tasks.notify_waitlist(world.mentor.pk, world.programme.pk)
        cleared = tasks.expire_waitlist()

    assert (sent, cleared) == (0, 1)
    assert not WaitlistEntry.objects.exists()
