"""Many people at once, each on their own database connection (PostgreSQL only)."""

import datetime
from collections import Counter

import pytest
import time_machine
from django.core import mail

from accounts.factories import make_fellow
from mentoring import tasks
from mentoring.factories import SlotFactory, make_mentor_profile
from mentoring.models import Booking
from mentoring.services.bookings import booking_cancel, booking_create
from mentoring.services.waitlist import waitlist_join
from tests.concurrency import race
from tests.mentoring.conftest import build_mentoring

pytestmark = pytest.mark.django_db(transaction=True)

RACERS = 20


def booked(_result) -> str:
    return "booked"


def test_twenty_fellows_racing_for_one_slot_get_one_booking(postgresql, world):
    mentoring = build_mentoring(world)
    fellows = [world.owner, world.fellow] + [make_fellow(world.cohort) for _ in range(RACERS - 2)]
    jobs = [
        lambda fellow=fellow: booking_create(
            slot=mentoring.slot, fellow=fellow, agenda="Help me plan my pilot"
        )
        for fellow in fellows
    ]

    outcomes = Counter(race(jobs, won=booked))

    print(f"\n{RACERS} attempts on one slot: {dict(outcomes)}")
    assert outcomes == {
        "booked": 1,
        "This slot has just been taken. Choose another time.": RACERS - 1,
    }
    assert Booking.objects.filter(slot=mentoring.slot, status="booked").count() == 1


def test_one_fellow_racing_for_two_overlapping_slots_gets_one(postgresql, world):
    mentoring = build_mentoring(world)
    second = make_mentor_profile(world.programme)
    clash = SlotFactory(
        mentor=second.user,
        programme=world.programme,
        starts_at=mentoring.slot.starts_at + datetime.timedelta(minutes=15),
    )
    jobs = [
        lambda slot=slot: booking_create(
            slot=slot, fellow=world.owner, agenda="Help me plan my pilot"
        )
        for slot in (mentoring.slot, clash) * 5
    ]

    outcomes = Counter(race(jobs, won=booked))

    print(f"\n10 attempts by one fellow on two overlapping slots: {dict(outcomes)}")
    refusals = {
        "This slot has just been taken. Choose another time.",
        "You already have a mentoring session at that time.",
    }
    assert outcomes["booked"] == 1
    assert sum(n for outcome, n in outcomes.items() if outcome in refusals) == 9
    assert Booking.objects.filter(fellow=world.owner, status="booked").count() == 1


def test_two_workers_sending_reminders_at_once_send_each_once(postgresql, world):
    mentoring = build_mentoring(world)
    booking = booking_create(
        slot=mentoring.slot, fellow=world.owner, agenda="Help me plan my pilot"
    )
    Booking.objects.filter(pk=booking.pk).update(confirmation_sent_at=booking.created)
    mail.outbox.clear()

    with time_machine.travel(mentoring.slot.starts_at - datetime.timedelta(hours=23)):
        outcomes = race([tasks.send_due_reminders, tasks.send_due_reminders])

    assert outcomes == ["done", "done"]  # both runs finished without error
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.owner.email, world.mentor.email])
    assert Booking.objects.get(pk=booking.pk).reminder_24h_sent_at is not None


def test_two_slots_freed_at_once_are_offered_to_two_different_waiting_fellows(postgresql, world):
    mentoring = build_mentoring(world)
    second = SlotFactory(
        mentor=world.mentor,
        programme=world.programme,
        starts_at=mentoring.slot.starts_at + datetime.timedelta(days=1),
    )
    bookings = [
        booking_create(slot=slot, fellow=fellow, agenda="Help me plan my pilot")
        for slot, fellow in ((mentoring.slot, world.owner), (second, world.fellow))
    ]
    waiting = [make_fellow(world.cohort) for _ in range(3)]
    for fellow in waiting:
        waitlist_join(profile=mentoring.profile, fellow=fellow)
    mail.outbox.clear()

    outcomes = race(
        [
            lambda booking=booking: booking_cancel(booking=booking, by=booking.fellow)
            for booking in bookings
        ]
    )

    assert outcomes == ["done", "done"]  # both cancellations went through
    offered = sorted(m.to[0] for m in mail.outbox if "slot free" in m.subject)
    assert offered == sorted(fellow.email for fellow in waiting[:2])
