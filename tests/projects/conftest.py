import pytest

from cohorts.models import LearningSet, LearningSetMember
from projects.factories import ProgressEntryFactory, ProjectFactory


@pytest.fixture
def project(world):
    """The owner's project. The owner is in the facilitator's learning set."""
    learning_set = LearningSet.objects.create(
        cohort=world.cohort, name="Thames", facilitator=world.facilitator
    )
    LearningSetMember.objects.create(
        learning_set=learning_set, cohort=world.cohort, fellow=world.owner
    )
    return ProjectFactory(cohort=world.cohort, fellow=world.owner, title="Owner's virtual ward")


@pytest.fixture
def entry(project):
    return ProgressEntryFactory(project=project, what_happened="Pilot went live on ward 7.")


@pytest.fixture
def learning_set(project):
    return LearningSet.objects.get(name="Thames")
