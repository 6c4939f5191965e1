"""Where an application stands, in plain words on "Your applications" and the application
page: the adviser's decision shows only once its email has gone."""

import datetime

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone

from recruitment.factories import SubmittedApplicationFactory
from recruitment.models import Application, UnsuccessfulEmail
from recruitment.services.interviews import interview_book, interview_invitations_send
from recruitment.services.offers import offer_decline, offers_send
from recruitment.services.unsuccessful import unsuccessful_emails_send
from tests.recruitment.recruiting import build_recruiting

pytestmark = pytest.mark.django_db
Decision = Application.Decision


@pytest.fixture
def recruiting(world):
    return build_recruiting(world)


def pages(client, application) -> list[str]:
    """The applicant's list and application page."""
    return [
        client.get(reverse("recruitment:mine")).text,
        client.get(reverse("recruitment:application", args=[application.pk])).text,
    ]


def uk(instant) -> str:
    return dateformat.format(timezone.localtime(instant), "j F Y, H:i")


def test_shortlisted_shows_once_the_invitation_to_book_is_sent(client, world, recruiting):
    application = recruiting.application  # shortlisted by the panel, not told yet
    client.force_login(world.owner)
    before = pages(client, application)

    interview_invitations_send(round=recruiting.round)
    after = pages(client, application)

    for text in before:
        assert "Submitted" in text
        assert "Shortlisted for interview" not in text
    book = reverse("recruitment:interview_book", args=[application.pk])
    for text in after:
        assert "Shortlisted for interview" in text
    assert f'<a href="{book}">Book a slot' in after[0]


def test_a_booked_interview_shows_its_time(client, world, recruiting):
    interview_invitations_send(round=recruiting.round)
    interview_book(application=recruiting.application, slot=recruiting.slot)
    client.force_login(world.owner)

    listing = client.get(reverse("recruitment:mine")).text

    assert f"Interview on {uk(recruiting.slot.starts_at)} (UK time)" in listing
    assert "Book a slot" not in listing


def test_an_offer_shows_once_sent_with_its_reply_date_then_the_answer(client, world, recruiting):
    application = recruiting.application
    application.decision = Decision.OFFERED
    application.save()
    client.force_login(world.owner)
    before = pages(client, application)

    [offer] = offers_send(
        round=recruiting.round, respond_by=timezone.localdate() + datetime.timedelta(days=14)
    )
    sent = pages(client, application)
    offer_decline(offer=offer, user=world.owner)
    declined = client.get(reverse("recruitment:mine")).text

    for text in before:
        assert "Offered a place" not in text
    for text in sent:
        assert f"Offered a place</strong> Reply by {uk(offer.respond_by)} (UK time)" in text
    assert "Offer declined" in declined


def test_not_offered_shows_once_the_email_is_sent_not_when_feedback_is_drafted(
    client, world, recruiting
):
    application = recruiting.application
    application.decision = Decision.DECLINED
    application.save()
    UnsuccessfulEmail.objects.create(application=application, feedback="Say more on measures.")
    client.force_login(world.owner)
    before = pages(client, application)

    unsuccessful_emails_send(round=recruiting.round)
    after = pages(client, application)

    for text in before:
        assert "Not offered a place" not in text
        assert "Submitted" in text
    for text in after:
        assert "Not offered a place this time" in text


def test_another_applicants_outcome_is_not_shown(client, world, recruiting):
    interview_invitations_send(round=recruiting.round)
    client.force_login(world.owner)

    other = reverse("recruitment:application", args=[recruiting.other_application.pk])

    assert client.get(other).status_code == 404


@pytest.mark.parametrize("size", [1, 6])
def test_your_applications_runs_a_bounded_number_of_queries(
    client, world, recruiting, django_assert_max_num_queries, size
):
    interview_invitations_send(round=recruiting.round)
    for _ in range(size):
        told = SubmittedApplicationFactory(applicant=world.owner, decision=Decision.DECLINED)
        UnsuccessfulEmail.objects.create(application=told, queued_at=timezone.now())
    client.force_login(world.owner)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("recruitment:mine"))

    assert response.text.count("Not offered a place this time") == size
