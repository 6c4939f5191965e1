"""Change from one wave to another (baseline to end in the report) per cohort and domain,
aggregated in the database: mean, SD and the counts of fellows whose change is beyond
measurement noise. Only aggregates reach Python, where the confidence interval and d_z
are worked out from them.
"""

from dataclasses import dataclass

from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    StdDev,
    Subquery,
    Value,
    When,
)

from accounts.selectors import is_active_fellow
from evaluation.models import Domain, Score, Wave
from evaluation.reliability import Reliability
from evaluation.selectors.frameworks import DOMAIN_ORDER
from evaluation.stats import PairedChange, paired_change, reliable_change_threshold

DOMAIN_LABELS = dict(Domain.Key.choices)


@dataclass(frozen=True)
class ChangeRow:
    cohort_id: int
    domain_key: str
    change: PairedChange
    threshold: float | None
    improved: int
    declined: int
    reliability: Reliability  # of the start wave, used for the threshold

    @property
    def domain_label(self) -> str:
        return DOMAIN_LABELS[self.domain_key]

    @property
    def within_noise(self) -> int:
        return self.change.n - self.improved - self.declined

    def share(self, count: int) -> float | None:
        return 100.0 * count / self.change.n if self.change.n else None

    @property
    def improved_share(self):
        return self.share(self.improved)

    @property
    def declined_share(self):
        return self.share(self.declined)

    @property
    def within_share(self):
        return self.share(self.within_noise)


def scores_of_active_fellows(cohort_ids) -> QuerySet[Score]:
    return Score.objects.filter(wave__cohort_id__in=cohort_ids, value__isnull=False).filter(
        is_active_fellow("wave__cohort_id", "fellow_id")
    )


def _pairs(cohort_ids, start: str, finish: str) -> QuerySet[Score]:
    """`finish` scores of fellows who also have a `start` score in the same domain."""
    before = Score.objects.filter(
        wave__cohort_id=OuterRef("wave__cohort_id"),
        wave__kind=start,
        fellow_id=OuterRef("fellow_id"),
        domain__key=OuterRef("domain__key"),
        value__isnull=False,
    ).values("value")[:1]
    return (
        scores_of_active_fellows(cohort_ids)
        .filter(wave__kind=finish)
        .annotate(before=Subquery(before, output_field=FloatField()))
        .filter(before__isnull=False)
        .annotate(diff=F("value") - F("before"))
    )


def changes(
    cohort_ids,
    start: str = Wave.Kind.BASELINE,
    finish: str = Wave.Kind.END,
    reliability: dict[tuple[int, str, str], Reliability] | None = None,
) -> list[ChangeRow]:
    """Change from `start` to `finish` per cohort and domain, in two queries.

    A fellow's change is larger than measurement noise when it exceeds the
    reliable change threshold worked out from the SD of the baseline scores
    (of the fellows who answered both) and the reliability of the `start` wave:
    its measured Cronbach's alpha, else the one assumed in evaluation.stats.
    """
    reliability = reliability or {}
    pairs = _pairs(cohort_ids, start, finish)
    summary = list(
        pairs.values("wave__cohort_id", "domain__key")
        .annotate(
            n=Count("pk"),
            mean=Avg("diff"),
            sd=StdDev("diff", sample=True),
            baseline_sd=StdDev("before", sample=True),
        )
        .order_by()
    )
    used = {
        (row["wave__cohort_id"], row["domain__key"]): reliability.get(
            (row["wave__cohort_id"], start, row["domain__key"]),
            Reliability(row["wave__cohort_id"], start, row["domain__key"], 0, None),
        )
        for row in summary
    }
    thresholds = {
        (row["wave__cohort_id"], row["domain__key"]): reliable_change_threshold(
            row["baseline_sd"], used[row["wave__cohort_id"], row["domain__key"]].value
        )
        for row in summary
    }
    known = [(key, limit) for key, limit in thresholds.items() if limit is not None]
    counts = {}
    if known:
        limit = Case(
            *[
                When(Q(wave__cohort_id=cohort_id, domain__key=key), then=Value(value))
                for (cohort_id, key), value in known
            ],
            default=None,
            output_field=FloatField(),
        )
        counted = (
            pairs.annotate(limit=limit)
            .values("wave__cohort_id", "domain__key")
            .annotate(
                improved=Count("pk", filter=Q(diff__gt=F("limit"))),
                declined=Count("pk", filter=Q(diff__lt=-F("limit"))),
            )
            .order_by()
        )
        counts = {
            (row["wave__cohort_id"], row["domain__key"]): (row["improved"], row["declined"])
            for row in counted
        }
    rows = []
    for row in summary:
        key = (row["wave__cohort_id"], row["domain__key"])
        improved, declined = counts.get(key, (0, 0))
        rows.append(
            ChangeRow(
                cohort_id=key[0],
                domain_key=key[1],
                change=paired_change(row["n"], row["mean"], row["sd"]),
                threshold=thresholds[key],
                improved=improved,
                declined=declined,
                reliability=used[key],
            )
        )
    return sorted(rows, key=lambda r: (r.cohort_id, DOMAIN_ORDER.index(r.domain_key)))
