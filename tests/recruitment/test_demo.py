"""The demo's recruitment round: every state of an application, two reviewers with their
assignments, and applicant@example.org able to book an interview."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Membership, Role, User
from recruitment.models import (
    Application,
    InterviewBooking,
    InterviewSlot,
    Offer,
    ReviewAssignment,
    Round,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", force=True, verbosity=0)
    return Round.objects.get()


def test_demo_round_is_open_for_the_next_cohort_with_applications_in_every_state(demo):
    applications = Application.objects.filter(round=demo)
    statuses = Counter(applications.values_list("status", flat=True))
    decisions = Counter(applications.values_list("decision", flat=True))
    offers = Counter(Offer.objects.filter(application__round=demo).values_list("status", flat=True))

    assert demo.cohort.status == "recruiting"
    assert demo.cohort.starts_on > demo.cohort.programme.cohorts.get(status="running").ends_on
    assert 28 <= applications.count() <= 35
    assert statuses["draft"] >= 3
    assert set(decisions) == {"", "shortlisted", "offered", "waiting_list", "declined"}
    assert set(offers) == {"sent", "accepted", "declined"}
    assert InterviewBooking.objects.filter(slot__round=demo).count() >= 3
    assert applications.filter(status="submitted", assignments__isnull=True).exists()


def test_demo_reviewers_hold_the_reviewer_role_and_their_assignments(demo):
    for email in ("reviewer@example.org", "reviewer2@example.org"):
        reviewer = User.objects.get(email=email)
        assert reviewer.check_password("pioneer-demo")
        assert Membership.objects.filter(
            user=reviewer, cohort=demo.cohort, role=Role.REVIEWER, is_active=True
        ).exists()
        assert ReviewAssignment.objects.filter(reviewer=reviewer).count() >= 10


def test_each_demo_reviewer_signs_in_to_applications_to_do_one_with_a_draft(client, demo):
    for email in ("reviewer@example.org", "reviewer2@example.org"):
        client.force_login(User.objects.get(email=email))

        home = client.get("/")
        reviews = client.get(reverse("recruitment:my_reviews"))

        assert "You have nothing to review" not in home.text
        assert "You have nothing left to review" not in reviews.text
        assert "Draft saved" in reviews.text


def test_demo_decisions_have_their_history(client, demo):
    decided = Application.objects.filter(round=demo).exclude(decision="").first()
    client.force_login(User.objects.get(email="adviser@example.org"))

    response = client.get(reverse("recruitment:decision", args=[decided.pk]))

    (record,) = response.context["history"]
    assert record.decision == decided.decision
    assert "Agreed at the moderation panel." in response.text


def test_demo_applicant_is_shortlisted_and_can_book_a_free_interview(client, demo):
    applicant = User.objects.get(email="applicant@example.org")
    application = Application.objects.get(applicant=applicant)
    client.force_login(applicant)

    page = client.get(reverse("recruitment:interview_book", args=[application.pk]))

    assert application.decision == "shortlisted"
    assert "Choose a time (UK time)" in page.text
    assert InterviewSlot.objects.filter(round=demo, booking__isnull=True).count() >= 5


def test_demo_adviser_sees_the_interviews_and_offers_pages(client, demo):
    client.force_login(User.objects.get(email="adviser@example.org"))

    interviews = client.get(reverse("recruitment:round_interviews", args=[demo.pk]))
    offers = client.get(reverse("recruitment:round_offers", args=[demo.pk]))

    assert interviews.status_code == offers.status_code == 200
    assert "Score and notes" in interviews.text
    assert "Offer a place to" in offers.text  # a declined offer freed a place


def test_demo_recruitment_is_made_once(demo):
    counts = (Application.objects.count(), InterviewSlot.objects.count(), Offer.objects.count())

    call_command("seed_demo", force=True, verbosity=0)

    assert (Application.objects.count(), InterviewSlot.objects.count(), Offer.objects.count()) == (
        counts
    )
