"""Mentoring tests run at a fixed moment: Monday 2 February 2026, 09:00 in London."""

import datetime
from dataclasses import dataclass

import pytest
import time_machine

from cohorts.models import Theme
from mentoring.factories import SlotFactory, days_ahead, make_mentor_profile
from mentoring.models import MentorProfile, Slot
from tests.matrix import World

NOW = datetime.datetime(2026, 2, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _fixed_now():
    with time_machine.travel(NOW, tick=True):
        yield


@dataclass
class Mentoring:
    world: World
    profile: MentorProfile
    slot: Slot
    data_theme: Theme


def build_mentoring(world: World) -> Mentoring:
    data = Theme.objects.create(programme=world.programme, name="Data and analytics")
    profile = make_mentor_profile(world.programme, user=world.mentor, expertise=[data])
    slot = SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(3))
    return Mentoring(world=world, profile=profile, slot=slot, data_theme=data)


@pytest.fixture
def mentoring(world) -> Mentoring:
    """The world's mentor with a profile and one free slot on Thursday at 10:00."""
    return build_mentoring(world)
