"""A mentor removes a whole weekly series of slots in one step."""

from datetime import date, time

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring.models import Booking, Slot, WaitlistEntry
from mentoring.services.bookings import booking_create
from mentoring.services.slots import slot_series_remove, slots_create_weekly
from mentoring.services.waitlist import waitlist_join

pytestmark = pytest.mark.django_db

LINK = "https://teams.example.org/l/meetup-join/helen"


def mondays(world, first=date(2026, 2, 9), last=date(2026, 2, 23)):
    """Mondays at 16:00 between the dates, as one weekly series."""
    return slots_create_weekly(
        mentor=world.mentor,
        programme=world.programme,
        first_day=first,
        last_day=last,
        weekdays={0},
        start=time(16, 0),
        minutes=30,
        online_link=LINK,
    )


def test_mentor_removes_a_weekly_series_and_its_booked_session_is_cancelled(
    client, mentoring, django_capture_on_commit_callbacks
):
    world = mentoring.world
    series = mondays(world)
    booking = booking_create(slot=series[1], fellow=world.owner, agenda="Data")
    mail.outbox.clear()
    client.force_login(world.mentor)

    page = client.get(reverse("mentoring:slot_series_remove", args=[series[0].pk]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mentoring:slot_series_remove", args=[series[0].pk]))

    booking.refresh_from_db()
    assert page.status_code == 200
    assert "This removes 3 slots still to come." in page.text
    assert world.owner.name in page.text
    assert response.status_code == 302
    assert booking.status == Booking.Status.CANCELLED
    assert booking.cancelled_by == world.mentor
    # The booked slot is kept as history, cancelled; the free ones are gone.
    assert list(Slot.objects.filter(series=series[0].series).values_list("pk", flat=True)) == [
        series[1].pk
    ]
    assert Slot.objects.get(pk=series[1].pk).cancelled_at is not None
    # The slot outside the series stays.
    assert Slot.objects.filter(pk=mentoring.slot.pk, cancelled_at__isnull=True).exists()
    told = sorted(address for message in mail.outbox for address in message.to)
    assert told == sorted([world.owner.email, world.mentor.email])


def test_removing_a_series_offers_the_freed_month_place_to_the_waitlist(
    mentoring, django_capture_on_commit_callbacks
):
    world = mentoring.world
    mentoring.profile.monthly_limit = 1
    mentoring.profile.save()
    series = mondays(world, last=date(2026, 2, 16))
    booking_create(slot=series[0], fellow=world.owner, agenda="Data")
    # February is now full, so the mentor's other February slot cannot be booked.
    entry = waitlist_join(profile=mentoring.profile, fellow=world.fellow)

    with django_capture_on_commit_callbacks(execute=True):
        slot_series_remove(slot=series[0], by=world.mentor)

    entry.refresh_from_db()
    assert entry.notified_at is not None
    assert WaitlistEntry.objects.filter(pk=entry.pk, offered_at__isnull=False).exists()


def test_a_slot_outside_any_series_has_no_series_page(client, mentoring):
    client.force_login(mentoring.world.mentor)

    response = client.get(reverse("mentoring:slot_series_remove", args=[mentoring.slot.pk]))

    assert response.status_code == 404


def test_the_availability_page_offers_to_remove_a_series(client, mentoring):
    world = mentoring.world
    series = mondays(world)
    client.force_login(world.mentor)

    response = client.get(reverse("mentoring:availability"))

    assert reverse("mentoring:slot_series_remove", args=[series[0].pk]) in response.text
    assert reverse("mentoring:slot_series_remove", args=[mentoring.slot.pk]) not in response.text


def test_the_series_page_costs_the_same_for_a_short_and_a_long_series(client, mentoring):
    world = mentoring.world
    short = mondays(world, last=date(2026, 2, 16))
    long = slots_create_weekly(
        mentor=world.mentor,
        programme=world.programme,
        first_day=date(2026, 2, 10),
        last_day=date(2026, 4, 28),
        weekdays={1},
        start=time(11, 0),
        minutes=30,
        online_link=LINK,
    )
    booking_create(slot=short[0], fellow=world.owner, agenda="Data")
    booking_create(slot=long[0], fellow=world.fellow, agenda="Data")
    client.force_login(world.mentor)
    counts = []
    for series in (short, long):
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("mentoring:slot_series_remove", args=[series[0].pk]))
        counts.append(len(queries))

    assert len(long) > len(short)
    assert counts[0] == counts[1]
