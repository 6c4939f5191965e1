"""A booking at 00:30 London on 1 May (23:30 UTC on 30 April) counts towards May."""

import datetime

import pytest

from accounts.factories import make_fellow
from mentoring.factories import BookingFactory, SlotFactory, london
from mentoring.selectors.directory import next_free_at
from mentoring.selectors.slots import bookable_slots, free_slots_of
from mentoring.services import bookings as services

pytestmark = pytest.mark.django_db


def test_a_booking_in_the_first_bst_hour_of_a_month_fills_that_month(mentoring):
    world = mentoring.world
    mentoring.profile.monthly_limit = 1
    mentoring.profile.save()
    mentoring.slot.delete()
    first_hour = SlotFactory(
        mentor=world.mentor,
        programme=world.programme,
        starts_at=london(datetime.date(2026, 5, 1), 0, 30),
    )
    BookingFactory(slot=first_hour, fellow=world.fellow, cohort=world.cohort)
    later = SlotFactory(
        mentor=world.mentor,
        programme=world.programme,
        starts_at=london(datetime.date(2026, 5, 20), 10),
    )
    now = datetime.datetime.now(datetime.UTC)

    # The booking service refuses `later`: May is full.
    with pytest.raises(Exception, match="no sessions left in May 2026"):
        services.booking_create(slot=later, fellow=make_fellow(world.cohort), agenda="x")
    # So neither the booking page's list nor the directory should offer it.
    assert list(bookable_slots(world.programme, now=now)) == []
    assert list(free_slots_of(mentoring.profile, now=now, weeks=20)) == []
    assert next_free_at(world.programme, {world.mentor.pk: 1}, now=now) == {}
