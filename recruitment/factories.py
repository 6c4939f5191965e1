import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.factories import CohortFactory, UserFactory
from accounts.models import Cohort
from recruitment.models import Answer, Application, ApplicationForm, Criterion, Question, Round


class ApplicationFormFactory(DjangoModelFactory):
    class Meta:
        model = ApplicationForm

    programme = factory.SubFactory("accounts.factories.ProgrammeFactory")
    name = factory.Sequence(lambda n: f"Application form {n}")


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    form = factory.SubFactory(ApplicationFormFactory)
    order = factory.Sequence(lambda n: n)
    kind = Question.Kind.LONG
    text = factory.Sequence(lambda n: f"Question {n}")
    word_limit = 300


class RoundFactory(DjangoModelFactory):
    """An open round: it opened yesterday and closes in four weeks."""

    class Meta:
        model = Round

    cohort = factory.SubFactory(CohortFactory, status=Cohort.Status.RECRUITING)
    title = factory.LazyAttribute(lambda r: f"Applications for {r.cohort.name}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=28))
    eligibility = "Open to NHS staff in England with a digital transformation project."
    places = 20
    blind = True
    form = factory.LazyAttribute(lambda r: ApplicationFormFactory(programme=r.cohort.programme))


class CriterionFactory(DjangoModelFactory):
    class Meta:
        model = Criterion

    round = factory.SubFactory(RoundFactory)
    order = factory.Sequence(lambda n: n)
    name = factory.Sequence(lambda n: f"Criterion {n}")


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = Application

    round = factory.SubFactory(RoundFactory)
    applicant = factory.SubFactory(UserFactory)


class SubmittedApplicationFactory(ApplicationFactory):
    status = Application.Status.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


class AnswerFactory(DjangoModelFactory):
    class Meta:
        model = Answer

    application = factory.SubFactory(ApplicationFactory)
    question = factory.SubFactory(QuestionFactory)
    text = "I lead the digital front door for our outpatients."
