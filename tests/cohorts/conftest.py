import pytest

from cohorts.factories import LearningSetFactory, MeetingFactory, SessionFactory, place


@pytest.fixture(autouse=True)
def _no_static_file_index(settings):
    """Each test client builds WhiteNoise's index of ~1,600 static files (0.1-0.3 s);
    these tests serve no static files, so skip it."""
    settings.WHITENOISE_USE_FINDERS = False


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
