import datetime

import factory
from factory.django import DjangoModelFactory

from accounts.factories import CohortFactory, ProgrammeFactory
from cohorts.models import (
    Attendance,
    IntakeInterview,
    LearningSet,
    LearningSetMember,
    Session,
    Theme,
)
from core.clock import LONDON


def london(*args) -> datetime.datetime:
    """A wall-clock time in London, e.g. london(2026, 6, 3, 9, 30)."""
    return datetime.datetime(*args, tzinfo=LONDON)


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Theme {n}")


class LearningSetFactory(DjangoModelFactory):
    class Meta:
        model = LearningSet

    cohort = factory.SubFactory(CohortFactory)
    name = factory.Sequence(lambda n: f"Set {n}")
    facilitator = None


def place(learning_set, *fellows) -> None:
    for fellow in fellows:
        LearningSetMember.objects.create(
            learning_set=learning_set, cohort=learning_set.cohort, fellow=fellow
        )


class SessionFactory(DjangoModelFactory):
    """A teaching day in June of the factory cohort's year (cohorts run April to March)."""

    class Meta:
        model = Session

    cohort = factory.SubFactory(CohortFactory)
    kind = Session.Kind.TEACHING_DAY
    title = factory.Sequence(lambda n: f"Teaching day {n}")
    starts_at = factory.LazyAttribute(lambda s: london(s.cohort.starts_on.year, 6, 3, 9, 30))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + datetime.timedelta(hours=7))
    location = "Guy's Hospital, London"


class MeetingFactory(SessionFactory):
    kind = Session.Kind.LEARNING_SET_MEETING
    learning_set = factory.SubFactory(LearningSetFactory, cohort=factory.SelfAttribute("..cohort"))
    title = factory.Sequence(lambda n: f"Learning set meeting {n}")


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory)
    status = Attendance.Status.PRESENT


class IntakeInterviewFactory(DjangoModelFactory):
    class Meta:
        model = IntakeInterview

    cohort = factory.SubFactory(CohortFactory)
    held_on = factory.LazyAttribute(lambda i: i.cohort.starts_on - datetime.timedelta(days=14))
    hopes = "To lead the move to electronic observations on our wards."
    motivation = IntakeInterview.Motivation.OWN_ACCORD
    starting_skilled = 3
    starting_connected = 2
    starting_inspired = 4
