import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.factories import ProgrammeFactory, UserFactory, make_mentor
from core.clock import london_to_utc
from mentoring.models import Booking, MentorProfile, Slot


def london(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return london_to_utc(day, datetime.time(hour, minute))


def days_ahead(days: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """`days` from today at a London wall-clock time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return london(day, hour, minute)


class MentorProfileFactory(DjangoModelFactory):
    class Meta:
        model = MentorProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    organisation = "Guy's and St Thomas' NHS Foundation Trust"
    job_title = "Chief Clinical Information Officer"
    bio = "Twenty years in acute care; led two electronic patient record go-lives."
    monthly_limit = 4

    @factory.post_generation
    def expertise(self, create, themes, **kwargs):
        if create and themes:
            self.expertise.set(themes)


def make_mentor_profile(programme, user=None, **kwargs) -> MentorProfile:
    """A mentor on the programme (membership and profile)."""
    user = user or make_mentor(programme)
    return MentorProfileFactory(user=user, programme=programme, **kwargs)


class SlotFactory(DjangoModelFactory):
    class Meta:
        model = Slot

    mentor = factory.SubFactory(UserFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    starts_at = factory.LazyFunction(lambda: days_ahead(3))
    ends_at = factory.LazyAttribute(lambda slot: slot.starts_at + datetime.timedelta(minutes=30))
    online_link = "https://teams.example.org/l/meetup-join/pioneer"


class BookingFactory(DjangoModelFactory):
    class Meta:
        model = Booking

    slot = factory.SubFactory(SlotFactory)
    fellow = factory.SubFactory(UserFactory)
    cohort = None
    starts_at = factory.LazyAttribute(lambda booking: booking.slot.starts_at)
    ends_at = factory.LazyAttribute(lambda booking: booking.slot.ends_at)
    agenda = "How to win clinical support for a digital triage pilot."
    status = Booking.Status.BOOKED
