"""A round of the world's programme with two applicants: `owner` (whose objects are tested)
and `fellow` (another applicant), both shortlisted for interview."""

from dataclasses import dataclass

from accounts.factories import CohortFactory
from accounts.models import Cohort
from recruitment.factories import (
    InterviewSlotFactory,
    RoundFactory,
    ShortlistedApplicationFactory,
)
from recruitment.models import Application, InterviewSlot, Round
from tests.matrix import World


@dataclass
class Recruiting:
    round: Round
    application: Application  # the owner's
    other_application: Application  # another applicant's, same round
    slot: InterviewSlot


def build_recruiting(world: World, *, places: int = 20) -> Recruiting:
    cohort = CohortFactory(
        programme=world.programme, name="Cohort 3", status=Cohort.Status.RECRUITING
    )
    round = RoundFactory(cohort=cohort, places=places, title="Applications for cohort 3")
    return Recruiting(
        round=round,
        application=ShortlistedApplicationFactory(round=round, applicant=world.owner),
        other_application=ShortlistedApplicationFactory(round=round, applicant=world.fellow),
        slot=InterviewSlotFactory(round=round),
    )
