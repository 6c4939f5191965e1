"""Interviews: the adviser publishes slots in UK time, a shortlisted applicant books one and
gets a calendar invite, and the panel records scores and notes."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from core.clock import LONDON
from recruitment import tasks
from recruitment.factories import (
    InterviewSlotFactory,
    ShortlistedApplicationFactory,
    SubmittedApplicationFactory,
)
from recruitment.models import (
    InterviewBooking,
    InterviewInvitation,
    InterviewScore,
    InterviewSlot,
)
from recruitment.services.interviews import interview_book
from tests.matrix import WRONG_METHOD, adviser_only, assert_matrix, outcomes
from tests.recruitment.recruiting import build_recruiting

pytestmark = pytest.mark.django_db


@pytest.fixture
def recruiting(world):
    return build_recruiting(world)


def _book(client, application, slot):
    return client.post(
        reverse("recruitment:interview_book", args=[application.pk]), {"slot": slot.pk}
    )


# --- Slots -----------------------------------------------------------------------------


def test_slot_added_in_uk_summer_time_is_stored_in_utc(client, world, recruiting):
    client.force_login(world.adviser)
    day = datetime.date(datetime.date.today().year + 1, 7, 14)

    response = client.post(
        reverse("recruitment:round_interviews", args=[recruiting.round.pk]),
        {"day": day.isoformat(), "start": "09:30", "minutes": "45", "place": "Room 4"},
    )

    assert response.status_code == 302
    slot = InterviewSlot.objects.exclude(pk=recruiting.slot.pk).get()
    assert slot.starts_at == datetime.datetime(day.year, 7, 14, 8, 30, tzinfo=datetime.UTC)
    assert slot.ends_at - slot.starts_at == datetime.timedelta(minutes=45)
    page = client.get(reverse("recruitment:round_interviews", args=[recruiting.round.pk]))
    assert "09:30 to 10:15" in page.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"start": "09:30", "minutes": "30", "place": "Room 4"}, "Enter the date"),
        (
            {"day": "2001-01-01", "start": "09:30", "minutes": "30", "place": "Room 4"},
            "on or after",
        ),
        (
            {"day": "next", "start": "25:00", "minutes": "30", "place": "Room 4"},
            "Enter a time like 09:30",
        ),
        (
            {"day": "2099-01-01", "start": "09:30", "minutes": "30", "place": ""},
            "Enter where the interview is",
        ),
        (
            {"day": "2099-01-01", "start": "09:30", "minutes": "7", "place": "Room 4"},
            "Select a valid choice",
        ),
    ],
)
def test_bad_slot_is_refused_on_the_form_and_nothing_added(
    client, world, recruiting, data, message
):
    client.force_login(world.adviser)

    response = client.post(
        reverse("recruitment:round_interviews", args=[recruiting.round.pk]), data
    )

    assert response.status_code == 200
    assert message in response.text
    assert InterviewSlot.objects.count() == 1


def test_slot_at_a_time_the_clocks_skip_is_refused(client, world, recruiting):
    client.force_login(world.adviser)
    year = datetime.date.today().year + 1
    last_sunday_of_march = max(
        datetime.date(year, 3, d) for d in range(25, 32) if datetime.date(year, 3, d).weekday() == 6
    )

    response = client.post(
        reverse("recruitment:round_interviews", args=[recruiting.round.pk]),
        {
            "day": last_sunday_of_march.isoformat(),
            "start": "01:30",
            "minutes": "30",
            "place": "Room 4",
        },
    )

    assert "clocks go forward" in response.text
    assert InterviewSlot.objects.count() == 1


def test_free_slot_can_be_removed_but_a_booked_one_cannot(client, world, recruiting):
    booked = InterviewSlotFactory(round=recruiting.round)
    InterviewBooking.objects.create(slot=booked, application=recruiting.other_application)
    client.force_login(world.adviser)

    client.post(reverse("recruitment:interview_slot_remove", args=[recruiting.slot.pk]))
    response = client.post(
        reverse("recruitment:interview_slot_remove", args=[booked.pk]), follow=True
    )

    assert "This slot is booked, so it cannot be removed." in response.text
    assert list(InterviewSlot.objects.all()) == [booked]


# --- Booking ---------------------------------------------------------------------------


def test_shortlisted_applicant_books_a_slot_and_gets_one_calendar_invite(
    client, world, recruiting, django_capture_on_commit_callbacks
):
    client.force_login(world.owner)

    with django_capture_on_commit_callbacks(execute=True):
        response = _book(client, recruiting.application, recruiting.slot)

    assert response.status_code == 302
    booking = InterviewBooking.objects.get()
    assert (booking.slot, booking.application) == (recruiting.slot, recruiting.application)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.owner.email]
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("invite.ics", "text/calendar")
    assert "METHOD:REQUEST" in content
    assert "Europe/London" in content
    local = recruiting.slot.starts_at.astimezone(LONDON)
    assert f"{local:%H:%M}" in message.body

    tasks.send_interview_invite(booking.pk)  # run again: sent once
    assert len(mail.outbox) == 1
    page = client.get(reverse("recruitment:interview_book", args=[recruiting.application.pk]))
    assert "Your interview is booked" in page.text


def test_slot_taken_by_another_applicant_is_refused_clearly(client, world, recruiting):
    InterviewBooking.objects.create(slot=recruiting.slot, application=recruiting.other_application)
    later = InterviewSlotFactory(round=recruiting.round)
    client.force_login(world.owner)

    response = _book(client, recruiting.application, recruiting.slot)

    assert response.status_code == 200
    assert "That time has just been taken. Choose another time." in response.text
    assert not InterviewBooking.objects.filter(application=recruiting.application).exists()
    assert later.starts_at.astimezone(LONDON).strftime("%H:%M") in response.text


def test_second_booking_by_the_same_applicant_is_refused(world, recruiting):
    interview_book(application=recruiting.application, slot=recruiting.slot)
    other = InterviewSlotFactory(round=recruiting.round)

    with pytest.raises(ValidationError, match=r"You have already booked an interview\."):
        interview_book(application=recruiting.application, slot=other)
    assert InterviewBooking.objects.count() == 1


def test_applicant_not_shortlisted_cannot_book(client, world, recruiting):
    application = SubmittedApplicationFactory(round=recruiting.round)
    client.force_login(application.applicant)

    page = client.get(reverse("recruitment:interview_book", args=[application.pk]))
    response = _book(client, application, recruiting.slot)

    assert "You can book an interview once you are shortlisted" in page.text
    assert "Only applicants shortlisted for interview can book one." in response.text
    assert not InterviewBooking.objects.exists()


def test_slot_of_another_round_cannot_be_booked(client, world, recruiting):
    elsewhere = InterviewSlotFactory()
    client.force_login(world.owner)

    response = _book(client, recruiting.application, elsewhere)

    assert "That time has just been taken" in response.text
    assert not InterviewBooking.objects.exists()


# --- The panel -------------------------------------------------------------------------


def test_panel_member_records_and_corrects_a_score_with_notes(client, world, recruiting):
    InterviewBooking.objects.create(slot=recruiting.slot, application=recruiting.application)
    url = reverse("recruitment:interview_panel", args=[recruiting.application.pk])
    client.force_login(world.adviser)

    client.post(url, {"score": "3", "notes": "Clear on the problem"})
    client.post(url, {"score": "4", "notes": "Clear on the problem; strong plan"})

    score = InterviewScore.objects.get()
    assert (score.by, score.score, score.notes) == (
        world.adviser,
        4,
        "Clear on the problem; strong plan",
    )
    page = client.get(reverse("recruitment:round_interviews", args=[recruiting.round.pk]))
    assert "4.0 from 1 panel member" in page.text


@pytest.mark.parametrize("score", ["", "0", "6", "five"])
def test_bad_panel_score_is_refused(client, world, recruiting, score):
    InterviewBooking.objects.create(slot=recruiting.slot, application=recruiting.application)
    client.force_login(world.adviser)

    response = client.post(
        reverse("recruitment:interview_panel", args=[recruiting.application.pk]),
        {"score": score, "notes": "x"},
    )

    assert response.status_code == 200
    assert "Choose a score from 1 to 5" in response.text or "Select a valid choice" in response.text
    assert not InterviewScore.objects.exists()


def test_panel_cannot_score_an_applicant_with_no_interview(client, world, recruiting):
    client.force_login(world.adviser)

    response = client.post(
        reverse("recruitment:interview_panel", args=[recruiting.application.pk]), {"score": "4"}
    )

    assert "This applicant has not booked an interview." in response.text
    assert not InterviewScore.objects.exists()


# --- Who may do what -------------------------------------------------------------------


def test_interviews_page_is_the_programme_advisers_only(world, recruiting):
    assert_matrix(
        world, reverse("recruitment:round_interviews", args=[recruiting.round.pk]), adviser_only()
    )


def test_only_the_applicant_books_their_own_interview(world, recruiting):
    url = reverse("recruitment:interview_book", args=[recruiting.application.pk])
    data = {"slot": recruiting.slot.pk}
    # "fellow" is another applicant of the same round: the owner's application is not theirs.
    assert_matrix(world, url, outcomes(adviser=403, owner=200))
    assert_matrix(world, url, outcomes(adviser=403, owner=302), method="post", data=data)


def test_panel_scores_are_the_programme_advisers_only(world, recruiting):
    InterviewBooking.objects.create(slot=recruiting.slot, application=recruiting.application)
    url = reverse("recruitment:interview_panel", args=[recruiting.application.pk])
    assert_matrix(world, url, adviser_only())
    assert_matrix(world, url, adviser_only(302), method="post", data={"score": "4"})


def test_removing_a_slot_is_the_programme_advisers_only(world, recruiting):
    url = reverse("recruitment:interview_slot_remove", args=[recruiting.slot.pk])
    assert_matrix(world, url, adviser_only(302), method="post")
    assert_matrix(world, url, WRONG_METHOD | {"anonymous": 405})


# --- Bounded queries -------------------------------------------------------------------


def _interviews_page_queries(client, world, recruiting, booked: int, django_assert_max_num_queries):
    for _ in range(booked):
        slot = InterviewSlotFactory(round=recruiting.round)
        application = ShortlistedApplicationFactory(round=recruiting.round)
        InterviewBooking.objects.create(slot=slot, application=application)
        InterviewScore.objects.create(application=application, by=world.adviser, score=3)
    client.force_login(world.adviser)
    with django_assert_max_num_queries(12) as counted:
        response = client.get(reverse("recruitment:round_interviews", args=[recruiting.round.pk]))
    assert response.status_code == 200
    return len(counted.captured_queries)


def test_interviews_page_runs_the_same_queries_at_two_sizes(
    client, world, recruiting, django_assert_max_num_queries
):
    few = _interviews_page_queries(client, world, recruiting, 1, django_assert_max_num_queries)
    many = _interviews_page_queries(client, world, recruiting, 8, django_assert_max_num_queries)
    assert few == many


# --- Asking the shortlisted to book ----------------------------------------------------


def test_shortlisted_applicants_are_emailed_once_and_then_see_their_interview(
    client, world, recruiting, django_capture_on_commit_callbacks
):
    applicant_page = reverse("recruitment:application", args=[recruiting.application.pk])
    owner = Client()
    owner.force_login(world.owner)
    before = owner.get(applicant_page)
    client.force_login(world.adviser)
    send = reverse("recruitment:interview_invitations_send", args=[recruiting.round.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(send, follow=True)
    again = client.post(send, follow=True)
    for invitation in InterviewInvitation.objects.all():
        tasks.send_interview_invitation(invitation.pk)

    assert "2 shortlisted applicants asked to book an interview" in response.text
    assert "Every shortlisted applicant has been asked to book already." in again.text
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.owner.email, world.fellow.email])
    book = reverse("recruitment:interview_book", args=[recruiting.application.pk])
    assert book in next(m for m in mail.outbox if m.to == [world.owner.email]).body
    assert "Book your interview" not in before.text
    assert "Book your interview" in owner.get(applicant_page).text


def test_applicants_are_not_asked_to_book_before_there_are_slots(client, world, recruiting):
    recruiting.slot.delete()
    client.force_login(world.adviser)

    response = client.post(
        reverse("recruitment:interview_invitations_send", args=[recruiting.round.pk]), follow=True
    )

    assert "Add interview slots first" in response.text
    assert not InterviewInvitation.objects.exists()


def test_asking_the_shortlisted_to_book_is_the_programme_advisers_only(world, recruiting):
    url = reverse("recruitment:interview_invitations_send", args=[recruiting.round.pk])
    assert_matrix(world, url, adviser_only(302), method="post")


# --- Calendars -------------------------------------------------------------------------


def test_a_booked_interview_is_in_the_applicants_and_the_panels_calendar_feeds(
    client, world, recruiting
):
    booking = InterviewBooking.objects.create(
        slot=recruiting.slot, application=recruiting.application
    )

    def feed(user) -> str:
        return client.get(reverse("calendar_feed", args=[user.calendar_token])).text

    uid = f"UID:interview-{booking.pk}@"
    applicant, panel = feed(world.owner), feed(world.adviser)
    assert uid in applicant
    assert "SUMMARY:Interview for Digital Pioneer Fellowship" in applicant
    assert uid in panel
    # Calendars get shared: the panel's copy names the application by its reference only.
    assert f"SUMMARY:Interview: {recruiting.application.reference}" in panel
    assert world.owner.name not in panel
    assert world.owner.email not in panel
    for outsider in (world.fellow, world.other_adviser, world.mentor):
        assert uid not in feed(outsider)
