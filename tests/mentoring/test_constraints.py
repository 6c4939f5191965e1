"""The database itself refuses a double booking, whatever the code above it does."""

import datetime
import os

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from mentoring.factories import BookingFactory, SlotFactory, days_ahead
from mentoring.models import Booking

pytestmark = pytest.mark.django_db


def needs_postgresql():
    if connection.vendor != "postgresql":
        if os.environ.get("CI"):
            pytest.fail("CI must run these on PostgreSQL")
        pytest.skip("exclusion constraints exist on PostgreSQL only")


def test_a_slot_cannot_have_two_active_bookings(mentoring):
    world = mentoring.world
    BookingFactory(slot=mentoring.slot, fellow=world.owner, cohort=world.cohort)

    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(slot=mentoring.slot, fellow=world.fellow, cohort=world.cohort)


def test_a_cancelled_booking_does_not_hold_the_slot(mentoring):
    world = mentoring.world
    BookingFactory(slot=mentoring.slot, fellow=world.owner, cohort=world.cohort, status="cancelled")

    BookingFactory(slot=mentoring.slot, fellow=world.fellow, cohort=world.cohort)

    assert Booking.objects.count() == 2


def test_database_refuses_overlapping_slots_of_one_mentor(mentoring):
    needs_postgresql()
    world = mentoring.world

    with pytest.raises(IntegrityError, match="slot_no_overlap_per_mentor"), transaction.atomic():
        SlotFactory(
            mentor=world.mentor,
            programme=world.programme,
            starts_at=mentoring.slot.starts_at + datetime.timedelta(minutes=29),
        )


def test_back_to_back_slots_and_cancelled_ones_do_not_overlap(mentoring):
    needs_postgresql()
    world = mentoring.world
    SlotFactory(
        mentor=world.mentor,
        programme=world.programme,
        starts_at=mentoring.slot.ends_at,
    )
    mentoring.slot.cancelled_at = mentoring.slot.created
    mentoring.slot.save()

    SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=mentoring.slot.starts_at)


def test_database_refuses_overlapping_active_bookings_of_one_fellow(mentoring):
    needs_postgresql()
    world = mentoring.world
    other = SlotFactory(
        mentor=world.facilitator,
        programme=world.programme,
        starts_at=mentoring.slot.starts_at + datetime.timedelta(minutes=10),
    )
    BookingFactory(slot=mentoring.slot, fellow=world.owner, cohort=world.cohort)

    with pytest.raises(IntegrityError, match="booking_no_overlap_per_fellow"), transaction.atomic():
        BookingFactory(slot=other, fellow=world.owner, cohort=world.cohort)


def test_model_validation_gives_the_same_rule_on_every_database(mentoring):
    world = mentoring.world
    clash = SlotFactory.build(
        mentor=world.mentor,
        programme=world.programme,
        starts_at=days_ahead(3, 10, 15),
    )

    with pytest.raises(ValidationError) as caught:
        clash.full_clean()

    assert caught.value.messages == ["This overlaps another of your slots."]
