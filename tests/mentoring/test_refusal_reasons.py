"""A fellow refused a booking, or too late to cancel, is told the real reason."""

import pytest
from django.urls import reverse

from mentoring.factories import BookingFactory, SlotFactory, days_ahead
from mentoring.models import MentoringRules, Slot

pytestmark = pytest.mark.django_db

LINK = "https://teams.example.org/l/meetup-join/helen"


def test_book_page_says_bookings_close_with_the_programmes_notice(client, mentoring):
    world = mentoring.world
    MentoringRules.objects.create(programme=world.programme, min_notice_hours=48)
    soon = SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(1))
    client.force_login(world.owner)

    page = client.get(reverse("mentoring:book", args=[soon.pk]))

    assert page.status_code == 200
    assert "Bookings close 48 hours before a session." in page.text
    assert "no longer available" not in page.text
    assert "Confirm booking" not in page.text


def test_book_page_says_another_fellow_has_the_slot(client, mentoring):
    world = mentoring.world
    BookingFactory(slot=mentoring.slot, fellow=world.fellow, cohort=world.cohort)
    client.force_login(world.owner)

    page = client.get(reverse("mentoring:book", args=[mentoring.slot.pk]))

    assert "Another fellow has booked this slot." in page.text
    assert "Confirm booking" not in page.text


def test_book_page_says_the_mentor_is_full_that_month(client, mentoring):
    world = mentoring.world
    mentoring.profile.monthly_limit = 1
    mentoring.profile.save()
    other = SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(4))
    BookingFactory(slot=other, fellow=world.fellow, cohort=world.cohort)
    client.force_login(world.owner)

    page = client.get(reverse("mentoring:book", args=[mentoring.slot.pk]))

    assert f"{world.mentor.name} has no sessions left in February 2026." in page.text


def test_refused_booking_inside_the_notice_shows_the_reason_on_the_form(client, mentoring):
    world = mentoring.world
    soon = SlotFactory(
        mentor=world.mentor, programme=world.programme, starts_at=days_ahead(0, hour=15)
    )
    client.force_login(world.owner)

    response = client.post(reverse("mentoring:book", args=[soon.pk]), {"agenda": "Help"})

    assert response.status_code == 200
    assert "Bookings close 24 hours before a session. Choose a later slot." in response.text
    assert not soon.bookings.exists()


def test_mentor_publishing_inside_the_notice_is_warned(client, mentoring):
    world = mentoring.world
    client.force_login(world.mentor)

    response = client.post(
        reverse("mentoring:slot_add", args=[world.programme.pk]),
        {"day": "2026-02-02", "start": "15:00", "minutes": "30", "online_link": LINK},
        follow=True,
    )

    assert Slot.objects.filter(starts_at__date="2026-02-02").exists()
    assert "Bookings close 24 hours before a session. Nobody can book this slot" in response.text


def test_mentor_publishing_after_the_notice_is_not_warned(client, mentoring):
    world = mentoring.world
    client.force_login(world.mentor)

    response = client.post(
        reverse("mentoring:slot_add", args=[world.programme.pk]),
        {"day": "2026-02-10", "start": "15:00", "minutes": "30", "online_link": LINK},
        follow=True,
    )

    assert "Added 1 slot." in response.text
    assert "Nobody can book" not in response.text


def test_weekly_slots_inside_the_notice_are_counted_in_the_warning(client, mentoring):
    world = mentoring.world
    client.force_login(world.mentor)

    response = client.post(
        reverse("mentoring:slots_weekly", args=[world.programme.pk]),
        {
            "first_day": "2026-02-02",
            "last_day": "2026-02-16",
            "weekdays": ["0"],
            "start": "15:00",
            "minutes": "30",
            "in_a_row": "1",
            "online_link": LINK,
        },
        follow=True,
    )

    assert "Added 3 slots." in response.text
    assert "Nobody can book 1 of these slots" in response.text


def test_cancel_is_not_offered_after_the_cutoff_and_the_page_says_until_when(client, mentoring):
    world = mentoring.world
    slot = SlotFactory(
        mentor=world.mentor, programme=world.programme, starts_at=days_ahead(0, hour=18)
    )
    booking = BookingFactory(slot=slot, fellow=world.owner, cohort=world.cohort)
    client.force_login(world.owner)

    detail = client.get(reverse("mentoring:booking_detail", args=[booking.pk]))
    cancel = client.get(reverse("mentoring:booking_cancel", args=[booking.pk]))

    until = "could be cancelled until Monday 2 February 2026 at 06:00 (UK time)"
    assert reverse("mentoring:booking_cancel", args=[booking.pk]) not in detail.text
    assert until in detail.text
    assert until in cancel.text
    assert "Cancel the session" not in cancel.text


def test_cancel_is_offered_before_the_cutoff(client, mentoring):
    world = mentoring.world
    booking = BookingFactory(slot=mentoring.slot, fellow=world.owner, cohort=world.cohort)
    client.force_login(world.owner)

    detail = client.get(reverse("mentoring:booking_detail", args=[booking.pk]))
    cancel = client.get(reverse("mentoring:booking_cancel", args=[booking.pk]))

    assert reverse("mentoring:booking_cancel", args=[booking.pk]) in detail.text
    assert "Cancel the session" in cancel.text
