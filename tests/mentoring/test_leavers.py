"""A mentor who leaves the programme (or a fellow who leaves the cohort) is no longer
listed, booked or reminded; removing them cancels their sessions still to come."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Membership, Role
from accounts.services import membership_deactivate
from mentoring import tasks
from mentoring.factories import BookingFactory, SlotFactory, days_ahead
from mentoring.models import Booking, WaitlistEntry
from mentoring.selectors.emails import reminders_due
from mentoring.selectors.slots import bookable_slots
from mentoring.services import bookings as services
from tests.matrix import adviser_only, assert_matrix

pytestmark = pytest.mark.django_db


def mentor_membership(world) -> Membership:
    return Membership.objects.get(user=world.mentor, role=Role.MENTOR)


def fellow_membership(world) -> Membership:
    return Membership.objects.get(user=world.owner, cohort=world.cohort)


@pytest.fixture
def left(mentoring):
    """The world's mentor has left the programme (say, ended in the admin)."""
    membership_deactivate(membership=mentor_membership(mentoring.world))
    return mentoring


def test_a_mentor_who_has_left_is_not_in_the_directory_nor_on_their_page(client, left):
    world = left.world
    client.force_login(world.owner)

    directory = client.get(reverse("mentoring:directory"))
    profile = client.get(reverse("mentoring:mentor_detail", args=[left.profile.pk]))

    assert list(directory.context["page"].object_list) == []
    assert profile.status_code == 404


def test_a_slot_of_a_mentor_who_has_left_cannot_be_booked(client, left):
    world = left.world
    client.force_login(world.owner)

    page = client.get(reverse("mentoring:book", args=[left.slot.pk]))
    response = client.post(reverse("mentoring:book", args=[left.slot.pk]), {"agenda": "Help"})

    assert (page.status_code, response.status_code) == (404, 404)
    assert Booking.objects.count() == 0
    assert list(bookable_slots(world.programme, now=left.slot.created)) == []


def test_booking_a_mentor_who_has_just_left_is_refused_with_a_message(left):
    with pytest.raises(ValidationError) as refused:
        services.booking_create(slot=left.slot, fellow=left.world.owner, agenda="Help")

    assert refused.value.messages == [
        f"{left.world.mentor.name} is no longer a mentor on this programme. Choose another mentor."
    ]
    assert Booking.objects.count() == 0


def test_joining_the_waitlist_of_a_mentor_who_has_left_is_refused(client, left):
    client.force_login(left.world.owner)

    response = client.post(reverse("mentoring:waitlist_join", args=[left.profile.pk]))

    assert response.status_code == 404
    assert WaitlistEntry.objects.count() == 0


def test_an_adviser_still_sees_the_profile_of_a_mentor_who_has_left(client, left):
    client.force_login(left.world.adviser)

    response = client.get(reverse("mentoring:mentor_detail", args=[left.profile.pk]))

    assert response.status_code == 200
    assert response.context["days"] == []


def test_no_reminder_reaches_a_mentor_who_has_left(mentoring, django_capture_on_commit_callbacks):
    world = mentoring.world
    booking = services.booking_create(slot=mentoring.slot, fellow=world.owner, agenda="Help")
    membership_deactivate(membership=mentor_membership(world))

    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_reminder(booking.pk, "24h")
    due_again = reminders_due("24h", now=booking.starts_at - datetime.timedelta(hours=20))

    assert [message.to for message in mail.outbox] == [[world.owner.email]]
    assert list(due_again) == []


def test_removal_page_matrix_for_a_mentor(world, mentoring):
    url = reverse("membership_deactivate", args=[mentor_membership(world).pk])
    # Only advisers know the membership; the mentor knows their own but may not end it.
    expected = adviser_only() | {"mentor": 403}

    assert_matrix(world, url, expected)
    assert_matrix(world, url, expected | {"adviser": 302}, method="post")


def test_removing_a_mentor_cancels_their_sessions_to_come_and_tells_both_sides(
    client, mentoring, django_capture_on_commit_callbacks
):
    world = mentoring.world
    booking = services.booking_create(slot=mentoring.slot, fellow=world.owner, agenda="Help")
    earlier = SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(-7))
    held = BookingFactory(slot=earlier, fellow=world.fellow, cohort=world.cohort, status="held")
    WaitlistEntry.objects.create(
        mentor=world.mentor,
        fellow=world.fellow,
        programme=world.programme,
        expires_at=days_ahead(9),
    )
    url = reverse("membership_deactivate", args=[mentor_membership(world).pk])
    client.force_login(world.adviser)
    mail.outbox.clear()

    page = client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    booking.refresh_from_db()
    held.refresh_from_db()
    assert "has 1 mentoring session still to come" in page.text
    assert response["Location"] == reverse("programme_detail", args=[world.programme.pk])
    assert not mentor_membership(world).is_active
    assert (booking.status, booking.cancelled_by) == ("cancelled", world.adviser)
    assert held.status == "held"
    assert WaitlistEntry.objects.count() == 0
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [world.owner.email, world.mentor.email]
    )
    assert all("cancelled" in message.subject.lower() for message in mail.outbox)


def test_removing_a_fellow_cancels_their_sessions_and_offers_the_slot_to_the_waitlist(
    client, mentoring, django_capture_on_commit_callbacks
):
    world = mentoring.world
    booking = services.booking_create(slot=mentoring.slot, fellow=world.owner, agenda="Help")
    waiting = WaitlistEntry.objects.create(
        mentor=world.mentor,
        fellow=world.fellow,
        programme=world.programme,
        expires_at=days_ahead(9),
    )
    client.force_login(world.adviser)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("membership_deactivate", args=[fellow_membership(world).pk]))

    booking.refresh_from_db()
    waiting.refresh_from_db()
    assert response["Location"] == reverse("cohorts:detail", args=[world.cohort.pk])
    assert booking.status == "cancelled"
    assert waiting.notified_at is not None
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [world.owner.email, world.mentor.email, world.fellow.email]
    )
