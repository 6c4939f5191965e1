import datetime

import pytest
from django.utils import timezone

from accounts.factories import CohortFactory, ProgrammeFactory, make_adviser, make_fellow
from cohorts.models import LearningSet
from evaluation.factories import WaveFactory, make_framework, statements_of
from evaluation.models import Answer, Domain, Response, Wave
from evaluation.services import answering as services
from evaluation.services.scores import scores_compute

DOMAINS = [key for key, _ in Domain.Key.choices]


@pytest.fixture
def framework(db):
    """Four statements per domain, and one adviser-rated item in Skilled."""
    return make_framework(adviser_rated={"skilled": 1})


@pytest.fixture
def wave(world, framework):
    """A baseline wave of the world's cohort, open today."""
    return WaveFactory(cohort=world.cohort, framework=framework)


def all_statements(framework) -> list:
    return [indicator for key in DOMAINS for indicator in statements_of(framework, key)]


def answer_everything(wave, fellow, value: int = 4, *, submit: bool = True):
    answers = {indicator.pk: value for indicator in all_statements(wave.framework)}
    return services.response_save(wave=wave, fellow=fellow, answers=answers, submit=submit)


def closed_wave(cohort, framework, kind=Wave.Kind.BASELINE) -> Wave:
    today = timezone.localdate()
    return WaveFactory(
        cohort=cohort,
        framework=framework,
        kind=kind,
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today - datetime.timedelta(days=2),
    )


def answered_cohort(size: int):
    """A programme's adviser and a cohort of `size` fellows who answered baseline and end."""
    programme = ProgrammeFactory()
    adviser = make_adviser(programme)
    cohort = CohortFactory(programme=programme)
    fellows = [make_fellow(cohort) for _ in range(size)]
    LearningSet.objects.create(cohort=cohort, name="Thames")
    framework = make_framework(programme=programme)
    for kind, shift in [(Wave.Kind.BASELINE, 0), (Wave.Kind.END, 1)]:
        wave = WaveFactory(cohort=cohort, framework=framework, kind=kind)
        bulk_answers(wave, fellows, lambda i, _, s=shift: None if i % 7 == 6 else 1 + (i + s) % 5)
    return adviser, cohort


def bulk_answers(wave, fellows, value_of) -> None:
    """Submitted responses for many fellows at once: `value_of(index, indicator)` or None."""
    now = timezone.now()
    Response.objects.bulk_create(
        Response(wave=wave, fellow=fellow, submitted_at=now, invited_at=now) for fellow in fellows
    )
    responses = {r.fellow_id: r for r in Response.objects.filter(wave=wave)}
    statements = all_statements(wave.framework)
    Answer.objects.bulk_create(
        Answer(response=responses[fellow.pk], indicator=indicator, value=value)
        for index, fellow in enumerate(fellows)
        for indicator in statements
        if (value := value_of(index, indicator)) is not None
    )
    scores_compute(wave=wave)
