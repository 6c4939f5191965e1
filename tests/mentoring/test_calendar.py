import pytest
from icalendar import Calendar

from fellowship.ical import build_calendar
from mentoring import services
from mentoring.factories import SlotFactory, days_ahead
from mentoring.selectors import calendar_events_for

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
