"""Many applicants at once, each on their own database connection (PostgreSQL only):
racing for the last interview slot, and accepting the last place."""

from collections import Counter

import pytest

from accounts.factories import UserFactory
from accounts.models import Membership, Role
from recruitment.factories import (
    InterviewSlotFactory,
    OfferFactory,
    RoundFactory,
    ShortlistedApplicationFactory,
)
from recruitment.models import InterviewBooking, Offer
from recruitment.models.interviews import SLOT_TAKEN
from recruitment.services.interviews import interview_book, interview_move
from recruitment.services.offers import LAST_PLACE_TAKEN, offer_accept
from tests.concurrency import race

pytestmark = pytest.mark.django_db(transaction=True)

RACERS = 12


def test_applicants_racing_for_the_last_interview_slot_get_one_booking(postgresql):
    round = RoundFactory()
    slot = InterviewSlotFactory(round=round)
    applications = [ShortlistedApplicationFactory(round=round) for _ in range(RACERS)]
    jobs = [
        lambda application=application: interview_book(application=application, slot=slot)
        for application in applications
    ]

    outcomes = Counter(race(jobs))

    assert outcomes == {"done": 1, SLOT_TAKEN: RACERS - 1}
    assert InterviewBooking.objects.filter(slot=slot).count() == 1


def test_applicants_racing_to_move_into_the_last_free_slot_keep_one_booking_each(postgresql):
    round = RoundFactory()
    free = InterviewSlotFactory(round=round)
    applications = [ShortlistedApplicationFactory(round=round) for _ in range(RACERS)]
    for application in applications:
        InterviewBooking.objects.create(
            slot=InterviewSlotFactory(round=round), application=application
        )
    jobs = [
        lambda application=application: interview_move(application=application, slot=free)
        for application in applications
    ]

    outcomes = Counter(race(jobs))

    assert outcomes == {"done": 1, SLOT_TAKEN: RACERS - 1}
    assert InterviewBooking.objects.filter(slot=free).count() == 1
    # Nobody lost their interview: the refused moves kept the old booking.
    assert InterviewBooking.objects.filter(application__in=applications).count() == RACERS


def test_two_applicants_accepting_the_last_place_at_once_one_gets_it(postgresql):
    round = RoundFactory(places=3)
    for _ in range(2):
        OfferFactory(application__round=round, status=Offer.Status.ACCEPTED)
    offers = [OfferFactory(application__round=round) for _ in range(2)]
    jobs = [
        lambda offer=offer: offer_accept(offer=offer, user=offer.application.applicant)
        for offer in offers
    ]

    outcomes = Counter(race(jobs))

    assert outcomes == {"done": 1, LAST_PLACE_TAKEN: 1}
    assert Offer.objects.filter(application__round=round, status="accepted").count() == 3
    winners = Offer.objects.filter(pk__in=[o.pk for o in offers], status="accepted")
    fellows = Membership.objects.filter(cohort=round.cohort, role=Role.FELLOW, is_active=True)
    assert [m.user_id for m in fellows] == [winners.get().application.applicant_id]


def test_many_applicants_accepting_the_last_places_fill_them_exactly(postgresql):
    round = RoundFactory(places=4)
    offers = [
        OfferFactory(application__round=round, application__applicant=UserFactory())
        for _ in range(RACERS)
    ]
    jobs = [
        lambda offer=offer: offer_accept(offer=offer, user=offer.application.applicant)
        for offer in offers
    ]

    outcomes = Counter(race(jobs))

    assert outcomes == {"done": 4, LAST_PLACE_TAKEN: RACERS - 4}
    assert Offer.objects.filter(application__round=round, status="accepted").count() == 4
    assert Membership.objects.filter(cohort=round.cohort, role=Role.FELLOW).count() == 4
