import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.factories import CohortFactory, UserFactory
from accounts.models import Cohort, hash_token
from recruitment.models import (
    Answer,
    Application,
    ApplicationForm,
    Criterion,
    InterviewSlot,
    Offer,
    Question,
    Round,
)


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


# Interviews and offers.


class InterviewSlotFactory(DjangoModelFactory):
    """A 30-minute slot a week from now."""

    class Meta:
        model = InterviewSlot

    round = factory.SubFactory(RoundFactory)
    starts_at = factory.Sequence(
        lambda n: timezone.now().replace(microsecond=0) + datetime.timedelta(days=7, minutes=30 * n)
    )
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + datetime.timedelta(minutes=30))
    place = "Room 2, Skipton House"


class ShortlistedApplicationFactory(SubmittedApplicationFactory):
    decision = Application.Decision.SHORTLISTED
    decided_at = factory.LazyFunction(timezone.now)


class OfferFactory(DjangoModelFactory):
    """A sent offer. Only the hash of `token` is stored: pass `token` to know the link."""

    class Meta:
        model = Offer
        exclude = ("token",)

    application = factory.SubFactory(
        SubmittedApplicationFactory, decision=Application.Decision.OFFERED
    )
    respond_by = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    token = factory.Sequence(lambda n: f"offer-token-{n}")
    token_hash = factory.LazyAttribute(lambda o: hash_token(o.token))
    subject = "An offer of a place"
    body = "Dear applicant, we are delighted to offer you a place."
