import pytest

from cohorts.factories import LearningSetFactory, MeetingFactory, SessionFactory, place


@pytest.fixture
def learning_set(world):
    """The owner's set, facilitated by the world's facilitator; `fellow` is not in it."""
    learning_set = LearningSetFactory(
        cohort=world.cohort, name="Thames", facilitator=world.facilitator
    )
    place(learning_set, world.owner)
    return learning_set


@pytest.fixture
def teaching_day(world):
    return SessionFactory(cohort=world.cohort, title="Teaching day 1")


@pytest.fixture
def meeting(world, learning_set):
    return MeetingFactory(cohort=world.cohort, learning_set=learning_set, title="Thames meeting 1")
