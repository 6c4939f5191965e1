import datetime
from datetime import date, time

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentoring.factories import SlotFactory, days_ahead
from mentoring.models import Booking, Slot
from mentoring.services.bookings import booking_cancel, booking_create
from mentoring.services.slots import (
    slot_cancel,
    slot_create,
    slot_remove,
    slot_update,
    slots_create_weekly,
)

pytestmark = pytest.mark.django_db

LINK = "https://teams.example.org/l/meetup-join/helen"


def add_slot(world, day, start, minutes=30, **extra):
    return slot_create(
        mentor=world.mentor,
        programme=world.programme,
        day=day,
        start=start,
        minutes=minutes,
        online_link=LINK,
        **extra,
    )


def refused(callable_, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        callable_(**kwargs)
    return " ".join(caught.value.messages)


def utc_hours(slots):
    return [slot.starts_at.astimezone(datetime.UTC).hour for slot in slots]


def test_mentor_adds_a_slot_through_the_page(client, mentoring):
    world = mentoring.world
    client.force_login(world.mentor)

    response = client.post(
        reverse("mentoring:slot_add", args=[world.programme.pk]),
        {"day": "2026-02-10", "start": "14:30", "minutes": "45", "online_link": LINK},
    )

    slot = Slot.objects.exclude(pk=mentoring.slot.pk).get()
    assert response.status_code == 302
    assert slot.starts_at == datetime.datetime(2026, 2, 10, 14, 30, tzinfo=datetime.UTC)
    assert slot.minutes == 45


def test_slot_in_summer_is_stored_an_hour_earlier_in_utc(mentoring):
    slot = add_slot(mentoring.world, date(2026, 6, 10), time(9, 0))

    assert slot.starts_at == datetime.datetime(2026, 6, 10, 8, 0, tzinfo=datetime.UTC)


def test_weekly_pattern_keeps_wall_clock_time_across_the_march_change(mentoring):
    world = mentoring.world

    slots = slots_create_weekly(
        mentor=world.mentor,
        programme=world.programme,
        first_day=date(2026, 3, 16),
        last_day=date(2026, 4, 10),
        weekdays={1},  # Tuesdays
        start=time(10, 0),
        minutes=30,
        online_link=LINK,
    )

    assert [slot.starts_at.date() for slot in slots] == [
        date(2026, 3, 17),
        date(2026, 3, 24),
        date(2026, 3, 31),
        date(2026, 4, 7),
    ]
    assert utc_hours(slots) == [10, 10, 9, 9]  # always 10:00 in London


def test_weekly_pattern_keeps_wall_clock_time_across_the_october_change(mentoring):
    world = mentoring.world
    with time_machine.travel(datetime.datetime(2026, 10, 1, 9, 0, tzinfo=datetime.UTC)):
        slots = slots_create_weekly(
            mentor=world.mentor,
            programme=world.programme,
            first_day=date(2026, 10, 19),
            last_day=date(2026, 11, 1),
            weekdays={0, 6},  # Mondays and Sundays, including the change day itself
            start=time(9, 30),
            minutes=20,
            in_a_row=2,
            online_link=LINK,
        )

    local = [slot.starts_at.astimezone(datetime.UTC) for slot in slots]
    assert [(t.month, t.day, t.hour, t.minute) for t in local] == [
        (10, 19, 8, 30), (10, 19, 8, 50),  # BST: 09:30 is 08:30 UTC
        (10, 25, 9, 30), (10, 25, 9, 50),  # the change day, after 2am: GMT
        (10, 26, 9, 30), (10, 26, 9, 50),
        (11, 1, 9, 30), (11, 1, 9, 50),
    ]  # fmt: skip


def test_a_time_that_does_not_exist_in_march_is_refused(mentoring):
    message = refused(add_slot, world=mentoring.world, day=date(2026, 3, 29), start=time(1, 30))

    assert message == (
        "01:30 on 29 March 2026 does not exist because the clocks go forward. "
        "Choose a time outside 1am to 2am that night."
    )
    assert Slot.objects.count() == 1


def test_a_time_that_happens_twice_in_october_is_refused(mentoring):
    with time_machine.travel(datetime.datetime(2026, 10, 1, tzinfo=datetime.UTC)):
        message = refused(
            add_slot, world=mentoring.world, day=date(2026, 10, 25), start=time(1, 15)
        )

    assert message.startswith("01:15 on 25 October 2026 happens twice because the clocks go back.")
    assert Slot.objects.count() == 1


def test_a_slot_across_the_clock_change_is_refused(mentoring):
    message = refused(
        add_slot,
        world=mentoring.world,
        day=date(2026, 3, 29),
        start=time(0, 45),
        minutes=60,
    )

    assert "does not exist because the clocks go forward" in message
    assert Slot.objects.count() == 1


def test_weekly_pattern_over_the_missing_hour_changes_nothing(mentoring):
    world = mentoring.world

    message = refused(
        slots_create_weekly,
        mentor=world.mentor,
        programme=world.programme,
        first_day=date(2026, 3, 22),
        last_day=date(2026, 4, 5),
        weekdays={6},
        start=time(1, 0),
        minutes=30,
        in_a_row=2,
        online_link=LINK,
    )

    assert "01:00 on 29 March 2026 does not exist" in message
    assert Slot.objects.count() == 1


def test_overlapping_slot_is_refused_with_a_message(mentoring):
    message = refused(add_slot, world=mentoring.world, day=date(2026, 2, 5), start=time(10, 15))

    assert message == "This overlaps another of your slots."
    assert Slot.objects.count() == 1


def test_weekly_pattern_clashing_once_adds_nothing(mentoring):
    world = mentoring.world

    message = refused(
        slots_create_weekly,
        mentor=world.mentor,
        programme=world.programme,
        first_day=date(2026, 2, 3),
        last_day=date(2026, 2, 28),
        weekdays={3},  # Thursdays: 5 February clashes with the existing slot
        start=time(10, 0),
        minutes=30,
        online_link=LINK,
    )

    assert message == "Thursday 5 February 2026 at 10:00: This overlaps another of your slots."
    assert Slot.objects.count() == 1


@pytest.mark.parametrize(
    ("minutes", "start", "day", "expected"),
    [
        (10, time(9), date(2026, 2, 9), "Slots last between 15 and 60 minutes."),
        (90, time(9), date(2026, 2, 9), "Slots last between 15 and 60 minutes."),
        (30, time(8), date(2026, 2, 2), "Monday 2 February 2026 at 08:00 has passed."),
    ],
)
def test_bad_slots_are_refused(mentoring, minutes, start, day, expected):
    message = refused(add_slot, world=mentoring.world, day=day, start=start, minutes=minutes)

    assert message.startswith(expected)
    assert Slot.objects.count() == 1


def test_slot_form_needs_a_place_or_a_link_and_saves_nothing(client, mentoring):
    world = mentoring.world
    client.force_login(world.mentor)

    response = client.post(
        reverse("mentoring:slot_add", args=[world.programme.pk]),
        {"day": "2026-02-10", "start": "25:00", "minutes": "30"},
    )

    assert response.status_code == 200
    assert "Enter a time like 09:30" in response.text
    assert "Give a place or an online meeting link" in response.text
    assert Slot.objects.count() == 1


def test_a_slots_place_is_one_line(client, mentoring):
    client.force_login(mentoring.world.mentor)

    response = client.post(
        reverse("mentoring:slot_add", args=[mentoring.world.programme.pk]),
        {"day": "2026-02-10", "start": "14:30", "minutes": "30", "location": "Bush\r\nHouse"},
    )

    assert response.status_code == 200
    assert "Use letters, numbers and punctuation only, on one line" in response.text
    assert Slot.objects.count() == 1


def test_a_mentors_profile_refuses_hidden_direction_characters(client, mentoring):
    world = mentoring.world
    client.force_login(world.mentor)

    response = client.post(
        reverse("mentoring:profile_edit", args=[world.programme.pk]),
        {"job_title": "CCIO", "organisation": "Barts \u2067Health", "monthly_limit": "4"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["organisation"] == [
        "Remove the hidden characters that change the direction of the text, then type it again"
    ]
    mentoring.profile.refresh_from_db()
    assert mentoring.profile.organisation == "Guy's and St Thomas' NHS Foundation Trust"


def test_clock_change_message_is_shown_on_the_form(client, mentoring):
    client.force_login(mentoring.world.mentor)

    response = client.post(
        reverse("mentoring:slot_add", args=[mentoring.world.programme.pk]),
        {"day": "2026-03-29", "start": "01:30", "minutes": "30", "location": "Bush House"},
    )

    assert response.status_code == 200
    assert "does not exist because the clocks go forward" in response.text
    assert Slot.objects.count() == 1


def test_unbooked_slot_can_be_changed_and_removed(mentoring):
    slot = mentoring.slot

    slot_update(slot=slot, day=date(2026, 2, 6), start=time(11, 0), minutes=45, location="Room 3")
    slot.refresh_from_db()
    moved = (slot.starts_at.hour, slot.minutes, slot.location)
    slot_remove(slot=slot)

    assert moved == (11, 45, "Room 3")
    assert not Slot.objects.exists()


def test_booked_slot_cannot_be_changed_or_removed(mentoring):
    world = mentoring.world
    booking_create(slot=mentoring.slot, fellow=world.owner, agenda="Funding")

    change = refused(
        slot_update,
        slot=mentoring.slot,
        day=date(2026, 2, 6),
        start=time(11, 0),
        minutes=30,
        location="Room 3",
    )
    remove = refused(slot_remove, slot=mentoring.slot)

    assert change.startswith("This slot is booked, so it cannot be changed or removed.")
    assert remove == change
    assert Slot.objects.get().starts_at == days_ahead(3)


def test_cancelling_a_booked_slot_tells_the_fellow(mentoring, django_capture_on_commit_callbacks):
    world = mentoring.world
    booking = booking_create(slot=mentoring.slot, fellow=world.owner, agenda="Funding")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        slot_cancel(slot=mentoring.slot, by=world.mentor)

    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert booking.cancelled_by == world.mentor
    fellow_copy = next(m for m in mail.outbox if m.to == [world.owner.email])
    assert f"{world.mentor.name} cancelled the mentoring session" in fellow_copy.body


def test_removing_a_slot_that_was_once_booked_keeps_the_history(mentoring):
    world = mentoring.world
    booking = booking_create(slot=mentoring.slot, fellow=world.owner, agenda="Funding")
    booking_cancel(booking=booking, by=world.owner)

    slot_remove(slot=mentoring.slot)

    mentoring.slot.refresh_from_db()
    assert mentoring.slot.cancelled_at is not None
    assert Booking.objects.filter(pk=booking.pk).exists()


def test_mentor_page_lists_own_slots_with_bookers_and_totals(client, mentoring):
    world = mentoring.world
    booking_create(slot=mentoring.slot, fellow=world.owner, agenda="Funding")
    SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(5))
    SlotFactory(mentor=world.fellow, programme=world.programme, starts_at=days_ahead(5))
    client.force_login(world.mentor)

    response = client.get(reverse("mentoring:availability"))

    assert response.status_code == 200
    assert [slot.booked_by for slot in response.context["slots"]] == [world.owner.name, None]
    assert response.context["totals"]["upcoming"] == 1


@pytest.mark.parametrize(
    ("url_name", "data", "message"),
    [
        (
            "mentoring:slot_add",
            {"day": "9999-12-31", "start": "23:45", "minutes": "30"},
            "Slots can be published up to a year ahead: choose a date on or before 2 February 2027",
        ),
        (
            "mentoring:slot_add",
            {"day": "2026-02-01", "start": "10:00", "minutes": "30"},
            "The date cannot be in the past",
        ),
        (
            "mentoring:slots_weekly",
            {
                "first_day": "9999-12-20",
                "last_day": "9999-12-31",
                "weekdays": ["0"],
                "start": "10:00",
                "minutes": "30",
                "in_a_row": "1",
            },
            "Slots can be published up to a year ahead",
        ),
    ],
)
def test_slot_dates_beyond_a_year_or_in_the_past_are_refused_on_the_form(
    client, mentoring, url_name, data, message
):
    world = mentoring.world
    client.force_login(world.mentor)

    response = client.post(
        reverse(url_name, args=[world.programme.pk]), {**data, "location": "Bush House"}
    )

    assert response.status_code == 200
    assert message in response.context["form"].errors.as_text()
    assert Slot.objects.count() == 1


def test_a_slot_more_than_a_year_ahead_is_refused_by_the_service(mentoring):
    message = refused(add_slot, world=mentoring.world, day=date(2027, 2, 3), start=time(10))

    assert message == "Slots can be published up to a year ahead. Choose an earlier date."
