import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.factories import CohortFactory, UserFactory
from projects.models import (
    Comment,
    ImpactStatement,
    Milestone,
    ProgressEntry,
    Project,
    Rag,
)


class ProjectFactory(DjangoModelFactory):
    """A project; pass a fellow who is a member of the cohort (see make_fellow)."""

    class Meta:
        model = Project

    cohort = factory.SubFactory(CohortFactory)
    fellow = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Virtual ward roll-out {n}")
    summary = "Moving frail patients home sooner with remote monitoring."
    problem = "Beds are full of people who could recover at home."
    intended_outcomes = "Fewer bed days and readmissions."
    organisation = "Barts Health NHS Trust"
    sponsor_name = "Dr Priya Shah"
    sponsor_role = "Chief Medical Officer"
    status = Project.Status.IN_PROGRESS


class ProgressEntryFactory(DjangoModelFactory):
    class Meta:
        model = ProgressEntry

    project = factory.SubFactory(ProjectFactory)
    author = factory.LazyAttribute(lambda entry: entry.project.fellow)
    happened_on = factory.LazyFunction(timezone.localdate)
    what_happened = "Met the ward team and agreed the pilot criteria."
    rag = Rag.GREEN
    blockers = "Waiting for information governance sign-off."
    next_steps = "Start the pilot on two wards."


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))


class CommentFactory(DjangoModelFactory):
    class Meta:
        model = Comment

    entry = factory.SubFactory(ProgressEntryFactory)
    author = factory.SubFactory(UserFactory)
    body = "Good progress. Have you spoken to the CCIO about the IG sign-off?"


class ImpactStatementFactory(DjangoModelFactory):
    class Meta:
        model = ImpactStatement

    project = factory.SubFactory(ProjectFactory)
    kind = ImpactStatement.Kind.SHOWCASE
    what_changed = "Patients on the virtual ward go home two days sooner."
    for_whom = "Frail older patients and the acute medical wards."
    how_measured = "Length of stay from the trust's data warehouse, before and after."
    will_it_last = "The service is now funded from the trust's core budget."
