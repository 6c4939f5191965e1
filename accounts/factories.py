import datetime

import factory
from factory.django import DjangoModelFactory

from accounts.models import Cohort, Membership, Programme, Role, User

PASSWORD = "correct-horse-battery"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name", locale="en_GB")
    password = factory.django.Password(PASSWORD)


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")


class CohortFactory(DjangoModelFactory):
    class Meta:
        model = Cohort

    programme = factory.SubFactory(ProgrammeFactory)
    # Zero-padded, so a made-up name never equals one a test chose ("Cohort 2").
    name = factory.Sequence(lambda n: f"Cohort {n:03d}")
    starts_on = datetime.date(2026, 4, 1)
    ends_on = datetime.date(2027, 3, 31)
    status = Cohort.Status.RUNNING


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.FELLOW
    cohort = factory.SubFactory(CohortFactory)
    programme = factory.LazyAttribute(lambda m: m.cohort.programme if m.cohort else None)
    organisation = factory.Faker(
        "random_element",
        elements=[
            "Barts Health NHS Trust",
            "Guy's and St Thomas' NHS Foundation Trust",
            "North Central London ICB",
            "Whittington Health NHS Trust",
        ],
    )
    job_title = "Clinical lead"


def make_adviser(programme, **kwargs) -> User:
    return MembershipFactory(programme=programme, cohort=None, role=Role.ADVISER, **kwargs).user


def make_mentor(programme, **kwargs) -> User:
    return MembershipFactory(programme=programme, cohort=None, role=Role.MENTOR, **kwargs).user


def make_fellow(cohort, **kwargs) -> User:
    return MembershipFactory(cohort=cohort, role=Role.FELLOW, **kwargs).user


def make_facilitator(cohort, **kwargs) -> User:
    return MembershipFactory(cohort=cohort, role=Role.FACILITATOR, **kwargs).user
