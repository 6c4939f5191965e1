"""Reads for the cohort report, aggregated in the database.

A report runs the same handful of queries whatever the size of the cohort:
response rates (one row per fellow, since the names of those who have not
answered are listed), domain statistics (mean, SD and median per cohort, wave
and domain), the change from baseline to end (evaluation.change, judged by each
domain's measured or assumed reliability from evaluation.reliability) and the
then-test (evaluation.then_test).
"""

from dataclasses import dataclass, field

from django.db.models import (
    Avg,
    Count,
    Exists,
    OuterRef,
    StdDev,
)

from accounts.models import Cohort, Membership
from accounts.selectors import is_active_fellow
from evaluation.change import DOMAIN_LABELS, ChangeRow, changes, scores_of_active_fellows
from evaluation.models import Answer, Response, Score, Wave
from evaluation.reliability import Reliability, reliabilities
from evaluation.selectors.frameworks import DOMAIN_ORDER
from evaluation.selectors.waves import WAVE_ORDER, wave_order, waves_of
from evaluation.stats import Median
from evaluation.then_test import ThenChange, then_changes

WAVE_LABELS = dict(Wave.Kind.choices)


@dataclass
class WaveResponses:
    wave: Wave
    fellows: int
    answered: int
    not_answered: list[Membership] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        return 100.0 * self.answered / self.fellows if self.fellows else None


@dataclass(frozen=True)
class DomainStat:
    cohort_id: int
    wave_kind: str
    domain_key: str
    n: int
    mean: float | None
    sd: float | None
    median: float | None

    @property
    def wave_label(self) -> str:
        return WAVE_LABELS[self.wave_kind]

    @property
    def domain_label(self) -> str:
        return DOMAIN_LABELS[self.domain_key]


def response_rates(cohort: Cohort, waves: list[Wave]) -> list[WaveResponses]:
    """Per wave: active fellows, how many submitted, and who has not (one query)."""
    flags = {
        f"answered_{wave.pk}": Exists(
            Response.objects.filter(
                wave_id=wave.pk, fellow_id=OuterRef("user_id"), submitted_at__isnull=False
            )
        )
        for wave in waves
    }
    fellows = list(
        Membership.objects.active_fellows(cohort)
        .select_related("user")
        .annotate(**flags)
        .order_by("user__name", "pk")
    )
    rates = []
    for wave in waves:
        flag = f"answered_{wave.pk}"
        missing = [fellow for fellow in fellows if not getattr(fellow, flag)]
        rates.append(WaveResponses(wave, len(fellows), len(fellows) - len(missing), missing))
    return rates


def domain_stats(cohort_ids) -> list[DomainStat]:
    """n, mean, SD and median of the scores per cohort, wave and domain (one query)."""
    rows = (
        scores_of_active_fellows(cohort_ids)
        .values("wave__cohort_id", "wave__kind", "domain__key")
        .annotate(
            n=Count("pk"),
            mean=Avg("value"),
            sd=StdDev("value", sample=True),
            median=Median("value"),
        )
        .order_by()
    )
    stats = [
        DomainStat(
            row["wave__cohort_id"],
            row["wave__kind"],
            row["domain__key"],
            row["n"],
            row["mean"],
            row["sd"],
            row["median"],
        )
        for row in rows
    ]
    return sorted(
        stats,
        key=lambda s: (
            s.cohort_id,
            DOMAIN_ORDER.index(s.domain_key),
            WAVE_ORDER.index(s.wave_kind),
        ),
    )


def named_scores(cohort: Cohort):
    """Every active fellow's scores in the cohort, named, in order, streamed from the database."""
    return (
        Score.objects.filter(wave__cohort=cohort)
        .filter(is_active_fellow("wave__cohort_id", "fellow_id"))
        .annotate(wave_position=wave_order("wave__kind"))
        .order_by("fellow__name", "fellow__email", "wave_position", "domain__position")
        .values_list(
            "fellow__name",
            "fellow__email",
            "wave__kind",
            "domain__key",
            "value",
            "answered",
            "expected",
        )
        .iterator(chunk_size=2000)
    )


def named_answers(cohort: Cohort):
    """Every submitted answer of the cohort's active fellows, named, streamed from the database.

    A cohort at scale holds tens of thousands of answers: the rows come from a server-side
    cursor in chunks, so the download never holds them all in memory.
    """
    answers = Answer.objects.filter(response__wave__cohort=cohort).filter(
        is_active_fellow("response__wave__cohort_id", "response__fellow_id")
    )
    return answer_rows(answers)


def answer_rows(answers):
    """`answers` (submitted ones only), in report order, as name, email, wave kind, domain key,
    statement, value and submission time, read in chunks."""
    return (
        answers.filter(response__submitted_at__isnull=False)
        .annotate(wave_position=wave_order("response__wave__kind"))
        .order_by(
            "response__fellow__name",
            "response__fellow__email",
            "wave_position",
            "indicator__domain__position",
            "indicator__position",
            "indicator_id",
        )
        .values_list(
            "response__fellow__name",
            "response__fellow__email",
            "response__wave__kind",
            "indicator__domain__key",
            "indicator__statement",
            "value",
            "response__submitted_at",
        )
        .iterator(chunk_size=2000)
    )


@dataclass
class Report:
    cohort: Cohort
    waves: list[Wave]
    responses: list[WaveResponses]
    stats: list[DomainStat]
    change: list[ChangeRow]
    compare: Cohort | None = None
    compare_stats: list[DomainStat] = field(default_factory=list)
    compare_change: list[ChangeRow] = field(default_factory=list)
    reliability: list[Reliability] = field(default_factory=list)
    # (then-test change, change from baseline or None) per domain, this cohort only
    then_change: list[tuple[ThenChange, ChangeRow | None]] = field(default_factory=list)


def cohort_report(cohort: Cohort, compare: Cohort | None = None) -> Report:
    waves = list(waves_of(cohort))
    cohort_ids = [cohort.pk] + ([compare.pk] if compare else [])
    stats = domain_stats(cohort_ids)
    measured = reliabilities(cohort_ids)
    change = changes(cohort_ids, reliability=measured)
    from_baseline = {c.domain_key: c for c in change if c.cohort_id == cohort.pk}
    then = sorted(
        (t for t in then_changes([cohort.pk]).values()),
        key=lambda t: DOMAIN_ORDER.index(t.domain_key),
    )
    return Report(
        cohort=cohort,
        waves=waves,
        responses=response_rates(cohort, waves),
        stats=[s for s in stats if s.cohort_id == cohort.pk],
        change=[c for c in change if c.cohort_id == cohort.pk],
        compare=compare,
        compare_stats=[s for s in stats if compare and s.cohort_id == compare.pk],
        compare_change=[c for c in change if compare and c.cohort_id == compare.pk],
        reliability=sorted(
            (r for r in measured.values() if r.cohort_id == cohort.pk),
            key=lambda r: (DOMAIN_ORDER.index(r.domain_key), WAVE_ORDER.index(r.wave_kind)),
        ),
        then_change=[(t, from_baseline.get(t.domain_key)) for t in then],
    )
