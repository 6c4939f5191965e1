import datetime

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from cohorts.factories import SessionFactory
from core.ical import build_calendar
from mentoring.factories import SlotFactory, days_ahead
from mentoring.selectors.bookings import calendar_events_for
from mentoring.services import bookings as services

pytestmark = pytest.mark.django_db


def test_calendar_events_are_the_persons_active_bookings_on_either_side(mentoring):
    world = mentoring.world
    booking = services.booking_create(slot=mentoring.slot, fellow=world.owner, agenda="Secret")
    cancelled_slot = SlotFactory(
        mentor=world.mentor, programme=world.programme, starts_at=days_ahead(6)
    )
    cancelled = services.booking_create(slot=cancelled_slot, fellow=world.owner, agenda="x")
    services.booking_cancel(booking=cancelled, by=world.owner)

    as_fellow = calendar_events_for(world.owner)
    as_mentor = calendar_events_for(world.mentor)
    outsider = calendar_events_for(world.fellow)

    assert [e.uid for e in as_fellow] == [f"booking-{booking.pk}@pioneer.invalid"]
    assert as_fellow[0].summary == f"Mentoring with {world.mentor.name}"
    assert as_mentor[0].summary == f"Mentoring with {world.owner.name}"
    assert as_fellow[0].start == mentoring.slot.starts_at
    assert outsider == []
    document = Calendar.from_ical(build_calendar(as_fellow))
    assert "Secret" not in document.to_ical().decode()


def feed_events(client, user) -> dict[str, object]:
    response = client.get(reverse("calendar_feed", args=[user.calendar_token]))
    assert response.status_code == 200
    return {str(e["UID"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def invite_of(message):
    (invite,) = [a for a in message.attachments if a[0] == "invite.ics"]
    (event,) = Calendar.from_ical(invite[1]).walk("VEVENT")
    return event


def test_the_personal_feed_holds_a_booking_for_the_fellow_and_the_mentor(
    client, mentoring, django_capture_on_commit_callbacks
):
    world = mentoring.world
    teaching_day = SessionFactory(
        cohort=world.cohort, starts_at=mentoring.slot.starts_at + datetime.timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.booking_create(slot=mentoring.slot, fellow=world.owner, agenda="Data")
    invite = invite_of(mail.outbox[0])
    uid = f"booking-{booking.pk}@pioneer.invalid"

    fellow = feed_events(client, world.owner)
    mentor = feed_events(client, world.mentor)
    other_fellow = feed_events(client, world.fellow)

    # Sessions and bookings in one feed, in time order, and the invite's UID and SEQUENCE.
    assert list(fellow) == [uid, f"session-{teaching_day.pk}@pioneer.invalid"]
    assert str(invite["UID"]) == uid
    assert fellow[uid]["SEQUENCE"] == invite["SEQUENCE"] == booking.sequence
    assert str(fellow[uid]["SUMMARY"]) == f"Mentoring with {world.mentor.name}"
    assert fellow[uid].decoded("DTSTART") == mentoring.slot.starts_at
    assert list(mentor) == [uid]  # a mentor has no sessions, but now has their bookings
    assert str(mentor[uid]["SUMMARY"]) == f"Mentoring with {world.owner.name}"
    assert uid not in other_fellow


def test_a_cancelled_booking_leaves_both_feeds(client, mentoring):
    world = mentoring.world
    booking = services.booking_create(slot=mentoring.slot, fellow=world.owner, agenda="Data")

    services.booking_cancel(booking=booking, by=world.owner)

    assert feed_events(client, world.owner) == {}
    assert feed_events(client, world.mentor) == {}
