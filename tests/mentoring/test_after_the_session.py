import datetime

import pytest
import time_machine
from django.urls import reverse

from mentoring.models import Booking
from mentoring.services import bookings as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(mentoring):
    world = mentoring.world
    return services.booking_create(slot=mentoring.slot, fellow=world.owner, agenda="Scaling up")


def after(booking):
    return time_machine.travel(booking.ends_at + datetime.timedelta(hours=1), tick=False)


def test_mentor_marks_the_session_held_with_a_note(client, booking):
    client.force_login(booking.slot.mentor)

    with after(booking):
        response = client.post(
            reverse("mentoring:booking_outcome", args=[booking.pk]),
            {"status": "held", "note": "Agreed to map stakeholders first."},
        )

    booking.refresh_from_db()
    assert response.status_code == 302
    assert (booking.status, booking.mentor_note) == ("held", "Agreed to map stakeholders first.")


def test_mentor_cannot_record_before_the_session_starts(client, booking):
    client.force_login(booking.slot.mentor)

    response = client.post(
        reverse("mentoring:booking_outcome", args=[booking.pk]), {"status": "no_show"}
    )

    booking.refresh_from_db()
    assert response.status_code == 200
    assert "once the session has started" in response.text
    assert booking.status == "booked"


def test_fellow_rates_a_held_session(client, booking):
    Booking.objects.filter(pk=booking.pk).update(status="held")
    client.force_login(booking.fellow)

    with after(booking):
        response = client.post(
            reverse("mentoring:booking_feedback", args=[booking.pk]),
            {"rating": "5", "takeaway": "A clear plan for the business case."},
        )

    booking.refresh_from_db()
    assert response.status_code == 302
    assert (booking.fellow_rating, booking.fellow_takeaway) == (
        5,
        "A clear plan for the business case.",
    )


@pytest.mark.parametrize("rating", ["0", "6", "five", ""])
def test_rating_outside_1_to_5_is_refused(client, booking, rating):
    Booking.objects.filter(pk=booking.pk).update(status="held")
    client.force_login(booking.fellow)

    with after(booking):
        response = client.post(
            reverse("mentoring:booking_feedback", args=[booking.pk]), {"rating": rating}
        )

    assert response.status_code == 200
    assert (
        "Choose a rating from 1 to 5" in response.text or "Select a valid choice" in response.text
    )
    assert Booking.objects.get(pk=booking.pk).fellow_rating is None


def test_feedback_before_the_session_ends_is_refused(client, booking):
    client.force_login(booking.fellow)

    response = client.post(
        reverse("mentoring:booking_feedback", args=[booking.pk]), {"rating": "4"}
    )

    assert response.status_code == 200
    assert "once a session you attended has ended" in response.text
    assert Booking.objects.get(pk=booking.pk).fellow_rating is None


def test_mentor_sees_own_totals_and_not_the_single_rating(client, booking):
    Booking.objects.filter(pk=booking.pk).update(status="held", fellow_rating=4)
    client.force_login(booking.slot.mentor)

    totals = client.get(reverse("mentoring:availability")).context["totals"]
    detail = client.get(reverse("mentoring:booking_detail", args=[booking.pk]))

    assert (totals["held"], totals["ratings"], totals["mean_rating"]) == (1, 1, 4.0)
    assert "4 out of 5" not in detail.text


def test_mentor_sees_the_agenda_and_the_fellows_project_summary(client, booking):
    from projects.models import Project

    Project.objects.create(
        cohort=booking.cohort,
        fellow=booking.fellow,
        title="Virtual ward for frailty",
        summary="Remote monitoring for 40 patients at home.",
        problem="Confidential problem statement",
    )
    client.force_login(booking.slot.mentor)

    response = client.get(reverse("mentoring:booking_detail", args=[booking.pk]))

    assert "Scaling up" in response.text
    assert "Virtual ward for frailty" in response.text
    assert "Remote monitoring for 40 patients at home." in response.text
    assert "Confidential problem statement" not in response.text


def test_fellow_shares_feedback_and_the_mentor_reads_it_per_session(client, booking):
    Booking.objects.filter(pk=booking.pk).update(status="held")
    client.force_login(booking.fellow)
    with after(booking):
        form = client.get(reverse("mentoring:booking_feedback", args=[booking.pk]))
        client.post(
            reverse("mentoring:booking_feedback", args=[booking.pk]),
            {"rating": "4", "takeaway": "Map the stakeholders.", "share_with_mentor": "on"},
        )
    client.force_login(booking.slot.mentor)

    with after(booking):
        detail = client.get(reverse("mentoring:booking_detail", args=[booking.pk]))
        listing = client.get(reverse("mentoring:bookings"))

    booking.refresh_from_db()
    assert form.context["form"]["share_with_mentor"].value() in (None, False)
    assert booking.feedback_shared is True
    assert "4 out of 5" in detail.text
    assert "Map the stakeholders." in detail.text
    assert "4 out of 5: Map the stakeholders." in listing.text


def test_feedback_not_shared_stays_from_the_mentor_on_every_page(client, booking):
    Booking.objects.filter(pk=booking.pk).update(status="held")
    client.force_login(booking.fellow)
    with after(booking):
        client.post(
            reverse("mentoring:booking_feedback", args=[booking.pk]),
            {"rating": "2", "takeaway": "Too general for my project."},
        )
    client.force_login(booking.slot.mentor)

    with after(booking):
        detail = client.get(reverse("mentoring:booking_detail", args=[booking.pk]))
        listing = client.get(reverse("mentoring:bookings"))

    assert Booking.objects.get(pk=booking.pk).feedback_shared is False
    for page in (detail, listing):
        assert "2 out of 5" not in page.text
        assert "Too general for my project." not in page.text
    assert "Not shared" in listing.text


def test_mentors_note_on_a_held_session_is_theirs_not_the_fellows(client, booking):
    client.force_login(booking.slot.mentor)
    with after(booking):
        client.post(
            reverse("mentoring:booking_outcome", args=[booking.pk]),
            {"status": "held", "note": "Follow up on the data sharing agreement."},
        )
        mentor_view = client.get(reverse("mentoring:booking_detail", args=[booking.pk]))
    client.force_login(booking.fellow)
    with after(booking):
        fellow_view = client.get(reverse("mentoring:booking_detail", args=[booking.pk]))

    assert "Your note" in mentor_view.text
    assert "Follow up on the data sharing agreement." in mentor_view.text
    assert "Follow up on the data sharing agreement." not in fellow_view.text
