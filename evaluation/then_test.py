"""The then-test: at the end wave, statements flagged `asks_then` are answered twice, as
now and as before the fellowship. Change read from the two answers of one sitting is free
of the response shift that moves a fellow's yardstick between baseline and end, so the
report shows it beside the change from baseline.

A fellow counts for a domain when they answered both ways enough of its flagged
statements for a score (the rule in evaluation.scoring); both scores are worked out from
the same statements. One query; its rows are the fellows' then-answers.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery

from accounts.selectors import is_active_fellow
from evaluation.models import Answer, Domain, Indicator, LookingBack, Wave
from evaluation.scoring import Item, answers_needed, domain_score


@dataclass(frozen=True)
class ThenChange:
    cohort_id: int
    domain_key: str
    n: int
    mean: float  # mean of (end score - then score) on the flagged statements

    @property
    def domain_label(self) -> str:
        return Domain.Key(self.domain_key).label


def then_changes(cohort_ids) -> dict[tuple[int, str], ThenChange]:
    """{(cohort id, domain key): ThenChange} for domains with any fellow counted."""
    now = Answer.objects.filter(
        response_id=OuterRef("response_id"), indicator_id=OuterRef("indicator_id")
    ).values("value")[:1]
    flagged = (
        Indicator.objects.filter(domain_id=OuterRef("domain_id"), asks_then=True)
        .values("domain_id")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    rows = (
        LookingBack.objects.filter(
            response__wave__cohort_id__in=cohort_ids,
            response__wave__kind=Wave.Kind.END,
            response__submitted_at__isnull=False,
            indicator__isnull=False,
        )
        .filter(is_active_fellow("response__wave__cohort_id", "response__fellow_id"))
        .annotate(now=Subquery(now), flagged=Subquery(flagged))
        .filter(now__isnull=False)
        .values_list(
            "response__wave__cohort_id",
            "response_id",
            "domain__key",
            "flagged",
            "indicator__weight",
            "indicator__scale_min",
            "indicator__scale_max",
            "value",
            "now",
        )
    )
    pairs = defaultdict(list)
    for cohort_id, response_id, key, flagged_count, weight, low, high, then, current in rows:
        pairs[cohort_id, key, response_id, flagged_count].append((weight, low, high, then, current))
    changes = defaultdict(list)
    for (cohort_id, key, _, flagged_count), items in pairs.items():
        if len(items) < answers_needed(flagged_count):
            continue
        then_score, now_score = _score(items, 3), _score(items, 4)
        if then_score is not None and now_score is not None:  # None: items weigh nothing
            changes[cohort_id, key].append(now_score - then_score)
    return {
        key: ThenChange(*key, n=len(values), mean=sum(values) / len(values))
        for key, values in changes.items()
    }


def _score(items, at: int) -> float | None:
    return domain_score(
        [
            Item(0, "", Indicator.Kind.SELF_ASSESSMENT, float(item[0]), item[1], item[2], item[at])
            for item in items
        ]
    ).value
