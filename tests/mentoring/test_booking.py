import datetime
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from icalendar import Calendar

from accounts.factories import make_fellow
from accounts.models import Cohort
from mentoring.factories import SlotFactory, days_ahead, london, make_mentor_profile
from mentoring.models import Booking, MentoringRules, WaitlistEntry
from mentoring.services import bookings as services

pytestmark = pytest.mark.django_db

AGENDA = "Getting clinicians to trust a new sepsis alert."


def book(slot, fellow, agenda=AGENDA):
    return services.booking_create(slot=slot, fellow=fellow, agenda=agenda)


def refused(callable_, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        callable_(**kwargs)
    return " ".join(caught.value.messages)


def test_fellow_books_a_free_slot_through_the_page(
    client, mentoring, django_capture_on_commit_callbacks
):
    world = mentoring.world
    client.force_login(world.owner)

    page = client.get(reverse("mentoring:book", args=[mentoring.slot.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("mentoring:book", args=[mentoring.slot.pk]), {"agenda": AGENDA}
        )

    booking = Booking.objects.get()
    assert page.status_code == 200
    assert "Thursday 5 February 2026, 10:00 to 10:30" in page.text
    assert response.status_code == 302
    assert response["Location"] == reverse("mentoring:booking_detail", args=[booking.pk])
    assert (booking.fellow, booking.cohort, booking.status) == (world.owner, world.cohort, "booked")
    assert (booking.starts_at, booking.ends_at) == (
        mentoring.slot.starts_at,
        mentoring.slot.ends_at,
    )
    assert booking.agenda == AGENDA


def test_confirmation_goes_to_both_with_a_request_invite(
    mentoring, django_capture_on_commit_callbacks
):
    world = mentoring.world

    with django_capture_on_commit_callbacks(execute=True):
        booking = book(mentoring.slot, world.owner)

    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.owner.email, world.mentor.email])
    for message in mail.outbox:
        (filename, content, mimetype) = message.attachments[0]
        document = Calendar.from_ical(content)
        event = document.walk("VEVENT")[0]
        assert filename == "invite.ics"
        assert mimetype == "text/calendar"
        assert document["METHOD"] == "REQUEST"
        assert event["UID"] == f"booking-{booking.pk}@pioneer.invalid"
        assert event["SEQUENCE"] == 0
        assert event.decoded("DTSTART").hour == 10
        assert str(event.decoded("DTSTART").tzinfo) == "Europe/London"
    mentor_copy = next(m for m in mail.outbox if m.to == [world.mentor.email])
    assert AGENDA in mentor_copy.body
    assert Booking.objects.get().confirmation_sent_at is not None


def test_cancellation_sends_cancel_with_same_uid_and_higher_sequence(
    mentoring, django_capture_on_commit_callbacks
):
    world = mentoring.world
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(mentoring.slot, world.owner)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=booking, by=world.owner)

    assert len(mail.outbox) == 2
    document = Calendar.from_ical(mail.outbox[0].attachments[0][1])
    event = document.walk("VEVENT")[0]
    assert document["METHOD"] == "CANCEL"
    assert event["UID"] == f"booking-{booking.pk}@pioneer.invalid"
    assert event["SEQUENCE"] == 1
    assert event["STATUS"] == "CANCELLED"
    booking.refresh_from_db()
    assert booking.status == "cancelled"


def test_second_booking_of_a_slot_is_refused_as_taken(mentoring):
    book(mentoring.slot, mentoring.world.owner)

    message = refused(book, slot=mentoring.slot, fellow=mentoring.world.fellow)

    assert message == "This slot has just been taken. Choose another time."
    assert Booking.objects.count() == 1


def test_booking_in_the_past_is_refused(mentoring):
    slot = SlotFactory(
        mentor=mentoring.world.mentor,
        programme=mentoring.world.programme,
        starts_at=days_ahead(-1),
    )

    message = refused(book, slot=slot, fellow=mentoring.world.owner)

    assert message == "This slot is in the past. Choose a later time."
    assert not Booking.objects.exists()


def test_booking_inside_the_notice_period_is_refused(mentoring):
    slot = SlotFactory(
        mentor=mentoring.world.mentor,
        programme=mentoring.world.programme,
        starts_at=days_ahead(0, hour=15),
    )

    message = refused(book, slot=slot, fellow=mentoring.world.owner)

    assert message == "Bookings close 24 hours before a session. Choose a later slot."
    assert not Booking.objects.exists()


def test_programme_can_shorten_the_notice(mentoring):
    MentoringRules.objects.create(programme=mentoring.world.programme, min_notice_hours=2)
    slot = SlotFactory(
        mentor=mentoring.world.mentor,
        programme=mentoring.world.programme,
        starts_at=days_ahead(0, hour=15),
    )

    booking = book(slot, mentoring.world.owner)

    assert booking.status == "booked"


def test_overlapping_booking_of_one_fellow_is_refused(mentoring):
    world = mentoring.world
    other = make_mentor_profile(world.programme)
    clash = SlotFactory(
        mentor=other.user,
        programme=world.programme,
        starts_at=mentoring.slot.starts_at + datetime.timedelta(minutes=15),
    )
    book(mentoring.slot, world.owner)

    message = refused(book, slot=clash, fellow=world.owner)

    assert message == "You already have a mentoring session at that time."
    assert Booking.objects.count() == 1


def test_fellow_may_hold_at_most_the_programmes_number_of_bookings(mentoring):
    world = mentoring.world
    slots = [
        SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(n))
        for n in (4, 5, 6)
    ]
    MentoringRules.objects.create(programme=world.programme, default_monthly_limit=10)
    mentoring.profile.monthly_limit = 10
    mentoring.profile.save()
    for slot in [mentoring.slot, *slots[:2]]:
        book(slot, world.owner)

    message = refused(book, slot=slots[2], fellow=world.owner)

    assert message.startswith("You can have 3 upcoming mentoring sessions at a time.")
    assert Booking.objects.count() == 3


def test_mentor_monthly_limit_counts_the_london_calendar_month(mentoring):
    world = mentoring.world
    mentoring.profile.monthly_limit = 1
    mentoring.profile.save()
    # 00:30 on 1 April in London (BST) is 23:30 on 31 March in UTC: it is April's session.
    april = SlotFactory(
        mentor=world.mentor, programme=world.programme, starts_at=london(date(2026, 4, 1), 0, 30)
    )
    march = SlotFactory(
        mentor=world.mentor, programme=world.programme, starts_at=london(date(2026, 3, 16), 10)
    )
    march_too = SlotFactory(
        mentor=world.mentor, programme=world.programme, starts_at=london(date(2026, 3, 17), 10)
    )
    book(april, world.fellow)
    book(march, world.owner)

    message = refused(book, slot=march_too, fellow=world.owner)

    assert message == (
        f"{world.mentor.name} has no sessions left in March 2026. "
        "Choose a slot in another month, or join their waitlist."
    )
    assert Booking.objects.count() == 2


def test_fellow_of_a_completed_cohort_cannot_book(mentoring):
    world = mentoring.world
    Cohort.objects.filter(pk=world.cohort.pk).update(status=Cohort.Status.COMPLETED)

    message = refused(book, slot=mentoring.slot, fellow=world.owner)

    assert message == "Only fellows of a current cohort of this programme can book its mentors."


def test_fellow_cancels_before_the_cut_off_and_the_slot_is_free_again(mentoring):
    world = mentoring.world
    booking = book(mentoring.slot, world.owner)

    services.booking_cancel(booking=booking, by=world.owner)
    again = book(mentoring.slot, world.fellow)

    assert again.fellow == world.fellow
    assert Booking.objects.filter(status="cancelled").count() == 1


def test_cancelling_after_the_cut_off_is_refused(mentoring):
    world = mentoring.world
    MentoringRules.objects.create(programme=world.programme, min_notice_hours=1)
    slot = SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(0, 18))
    booking = book(slot, world.owner)

    message = refused(services.booking_cancel, booking=booking, by=world.owner)

    assert message.startswith("Sessions can be cancelled up to 12 hours before they start.")
    booking.refresh_from_db()
    assert booking.status == "booked"


def test_reschedule_moves_the_booking_in_one_change(mentoring, django_capture_on_commit_callbacks):
    world = mentoring.world
    later = SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(4))
    booking = book(mentoring.slot, world.owner)

    with django_capture_on_commit_callbacks(execute=True):
        moved = services.booking_reschedule(booking=booking, slot=later)

    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert (moved.slot, moved.status, moved.agenda) == (later, "booked", AGENDA)
    methods = sorted(Calendar.from_ical(m.attachments[0][1])["METHOD"] for m in mail.outbox)
    assert methods == ["CANCEL", "CANCEL", "REQUEST", "REQUEST"]


def test_failed_reschedule_leaves_the_old_booking_standing(mentoring):
    world = mentoring.world
    taken = SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(4))
    book(taken, world.fellow)
    booking = book(mentoring.slot, world.owner)

    message = refused(services.booking_reschedule, booking=booking, slot=taken)

    booking.refresh_from_db()
    assert message == "This slot has just been taken. Choose another time."
    assert booking.status == "booked"
    assert booking.sequence == 0


def test_bad_agenda_is_refused_on_the_form_and_nothing_is_saved(client, mentoring):
    client.force_login(mentoring.world.owner)

    response = client.post(reverse("mentoring:book", args=[mentoring.slot.pk]), {"agenda": "  "})

    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Say what you would like help with" in response.text
    assert not Booking.objects.exists()


def test_taken_slot_shows_the_message_on_the_form(client, mentoring):
    book(mentoring.slot, mentoring.world.fellow)
    client.force_login(mentoring.world.owner)

    response = client.post(reverse("mentoring:book", args=[mentoring.slot.pk]), {"agenda": AGENDA})

    assert response.status_code == 200
    assert "This slot has just been taken" in response.text
    assert Booking.objects.count() == 1


def test_booking_a_mentor_removes_the_fellow_from_their_waitlist(mentoring):
    world = mentoring.world
    WaitlistEntry.objects.create(
        mentor=world.mentor,
        fellow=world.owner,
        programme=world.programme,
        expires_at=days_ahead(30),
    )

    book(mentoring.slot, world.owner)

    assert not WaitlistEntry.objects.exists()


def test_fellow_of_another_programme_is_refused(mentoring):
    stranger = make_fellow(mentoring.world.other_cohort)

    message = refused(book, slot=mentoring.slot, fellow=stranger)

    assert message == "Only fellows of a current cohort of this programme can book its mentors."
