"""Cronbach's alpha per cohort, wave and domain, measured from the fellows' answers.

alpha = k / (k - 1) * (1 - sum of the item variances / variance of the total), over the
submitted responses that answer all k self-assessment statements of the domain (a
"complete" response). Each item's count, sum and sum of squares are aggregated in the
database (whole numbers, so exact on both databases); the totals come
back one row per complete response and domain (a cohort's size times four), since a
variance of sums needs the sums first. Below MIN_COMPLETE complete responses alpha says
little, so the reliability assumed in evaluation.stats is used instead.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, F, Q, Sum

from accounts.selectors import is_active_fellow
from evaluation.models import Answer, Domain, Indicator, Wave
from evaluation.stats import RELIABILITY

MIN_COMPLETE = 10
SELF = Indicator.Kind.SELF_ASSESSMENT


def cronbach_alpha(item_variances: list[float], total_variance: float) -> float | None:
    k = len(item_variances)
    if k < 2 or not total_variance:
        return None
    return k / (k - 1) * (1 - sum(item_variances) / total_variance)


@dataclass(frozen=True)
class Reliability:
    cohort_id: int
    wave_kind: str
    domain_key: str
    complete: int  # responses answering every statement of the domain
    alpha: float | None  # measured; None when it cannot or should not be

    @property
    def wave_label(self) -> str:
        return Wave.Kind(self.wave_kind).label

    @property
    def domain_label(self) -> str:
        return Domain.Key(self.domain_key).label

    @property
    def measured(self) -> bool:
        return self.alpha is not None

    @property
    def value(self) -> float:
        return self.alpha if self.measured else RELIABILITY


def _complete_answers(cohort_ids):
    """Submitted self-assessment answers of active fellows, in responses that answer every
    statement of the answer's domain.

    Each domain's complete responses are one grouped subquery that the database runs once
    (a hash semi-join), not a count per answer: the correlated form took seconds at
    national scale (bench/README.md)."""
    answers = Answer.objects.filter(
        response__wave__cohort_id__in=cohort_ids,
        response__submitted_at__isnull=False,
        indicator__kind=SELF,
    ).filter(is_active_fellow("response__wave__cohort_id", "response__fellow_id"))
    statements = dict(
        Indicator.objects.filter(kind=SELF, domain__framework__waves__cohort_id__in=cohort_ids)
        .values("domain_id")
        .annotate(n=Count("pk", distinct=True))
        .values_list("domain_id", "n")
    )
    complete = Q(pk__in=[])
    for domain_id, n in statements.items():
        responses = (
            Answer.objects.filter(
                response__wave__cohort_id__in=cohort_ids,
                indicator__domain_id=domain_id,
                indicator__kind=SELF,
            )
            .values("response_id")
            .annotate(given=Count("pk"))
            .filter(given=n)
            .values("response_id")
        )
        complete |= Q(indicator__domain_id=domain_id, response_id__in=responses)
    return answers.filter(complete)


def _variance(n: int, total: int, squares: int) -> float | None:
    """The sample variance from sums of whole numbers, exactly."""
    if n < 2:
        return None
    return float(Fraction(n * squares - total * total, n * (n - 1)))


def reliabilities(cohort_ids) -> dict[tuple[int, str, str], Reliability]:
    """{(cohort id, wave kind, domain key): Reliability} for every group with answers, in
    three queries."""
    group = ("response__wave__cohort_id", "response__wave__kind", "indicator__domain__key")
    answers = _complete_answers(cohort_ids)
    item_variances = defaultdict(list)
    for row in (
        answers.values(*group, "indicator_id")
        .annotate(n=Count("pk"), total=Sum("value"), squares=Sum(F("value") * F("value")))
        .order_by()
    ):
        item_variances[tuple(row[g] for g in group)].append(
            _variance(row["n"], row["total"], row["squares"])
        )
    totals = defaultdict(list)
    for row in answers.values(*group, "response_id").annotate(total=Sum("value")).order_by():
        totals[tuple(row[g] for g in group)].append(row["total"])
    result = {}
    for key, sums in totals.items():
        alpha = None
        if len(sums) >= MIN_COMPLETE:
            alpha = cronbach_alpha(item_variances[key], statistics.variance(sums))
        result[key] = Reliability(*key, complete=len(sums), alpha=alpha)
    return result
