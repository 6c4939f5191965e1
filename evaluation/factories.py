"""Small evaluation frameworks, waves and answers for tests and benchmarks."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.factories import CohortFactory
from evaluation.models import Domain, Framework, Indicator, Wave


class FrameworkFactory(DjangoModelFactory):
    class Meta:
        model = Framework

    programme = None
    name = factory.Sequence(lambda n: f"Framework {n}")


class WaveFactory(DjangoModelFactory):
    """A wave open today unless dates are given."""

    class Meta:
        model = Wave

    cohort = factory.SubFactory(CohortFactory)
    framework = factory.LazyFunction(lambda: make_framework())
    kind = Wave.Kind.BASELINE
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=11))


def make_framework(
    *,
    programme=None,
    items: dict[str, int] | None = None,
    adviser_rated: dict[str, int] | None = None,
    derived: dict[str, list[str]] | None = None,
    **kwargs,
) -> Framework:
    """A framework with `items[key]` self-assessment statements (weight 1) per domain.

    Default: four statements in each of the four domains.
    """
    items = items if items is not None else {key: 4 for key, _ in Domain.Key.choices}
    adviser_rated = adviser_rated or {}
    derived = derived or {}
    framework = FrameworkFactory(programme=programme, **kwargs)
    for position, (key, label) in enumerate(Domain.Key.choices):
        domain = Domain.objects.create(
            framework=framework,
            key=key,
            name=label,
            is_outcome=key == Domain.Key.IMPACTFUL,
            position=position,
        )
        indicators = [
            Indicator(domain=domain, statement=f"{label} statement {n + 1}", position=n)
            for n in range(items.get(key, 0))
        ]
        indicators += [
            Indicator(
                domain=domain,
                statement=f"{label} adviser rating {n + 1}",
                kind=Indicator.Kind.ADVISER_RATING,
                position=100 + n,
            )
            for n in range(adviser_rated.get(key, 0))
        ]
        indicators += [
            Indicator(
                domain=domain,
                statement=f"{label}: {measure}",
                kind=Indicator.Kind.DERIVED,
                derived_key=measure,
                position=200 + n,
            )
            for n, measure in enumerate(derived.get(key, []))
        ]
        Indicator.objects.bulk_create(indicators)
    return framework


def statements_of(framework: Framework, key: str) -> list[Indicator]:
    return list(
        Indicator.objects.filter(
            domain__framework=framework, domain__key=key, kind=Indicator.Kind.SELF_ASSESSMENT
        ).order_by("position", "pk")
    )
