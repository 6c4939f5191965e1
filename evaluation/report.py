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
    CharField,
    Count,
    Exists,
    F,
    Func,
    OuterRef,
    QuerySet,
    StdDev,
    Value,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from accounts.models import Cohort, Membership
from accounts.selectors import is_active_fellow
from core.csv import formula_safe_sql, labels_sql
from evaluation.change import DOMAIN_LABELS, ChangeRow, changes, scores_of_active_fellows
from evaluation.models import Response, Score, Wave
from evaluation.reliability import Reliability, reliabilities
from evaluation.selectors.frameworks import DOMAIN_ORDER
from evaluation.selectors.waves import WAVE_ORDER, wave_order, waves_of
from evaluation.stats import SQLITE_LOCAL_MINUTE, Median
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


def named_answers(cohort: Cohort) -> tuple[str, list]:
    """Every submitted answer of the cohort's active fellows, named: `answers_query`."""
    responses = Response.objects.filter(wave__cohort=cohort).filter(
        is_active_fellow("wave__cohort_id", "fellow_id")
    )
    return answers_query(responses)


# The responses are numbered in order first, a few thousand rows, and then each one's answers
# joined through the index: PostgreSQL sorts one response's answers at a time instead of
# every answer by name, which took most of a large export's time. The database also writes
# each cell as the CSV shows it (labels, text made safe for spreadsheets), so rows go from
# the cursor to the CSV writer untouched.
ANSWERS_IN_ORDER = """
SELECT {name}, {email}, {wave}, {domain}, {statement}, a.value, r.submitted
FROM ({responses}) AS r
JOIN evaluation_answer AS a ON a.response_id = r.response
JOIN evaluation_indicator AS i ON i.id = a.indicator_id
JOIN evaluation_domain AS d ON d.id = i.domain_id
ORDER BY r.position, d.position, i.position, a.indicator_id
"""


def _answers_sql(responses: str, responses_params) -> tuple[str, list]:
    cells = {
        "name": formula_safe_sql("r.name"),
        "email": formula_safe_sql("r.email"),
        "wave": labels_sql("r.kind", WAVE_LABELS),
        "domain": labels_sql("d.key", DOMAIN_LABELS),
        "statement": formula_safe_sql("i.statement"),
    }
    params = [param for _, cell_params in cells.values() for param in cell_params]
    # Empty text as NULL: PostgreSQL's CSV would write "" for it, Python's writer nothing.
    columns = {k: f"NULLIF({sql}, '')" for k, (sql, _) in cells.items()}
    sql = ANSWERS_IN_ORDER.format(responses=responses, **columns)
    return sql, [*params, *responses_params]


class LocalMinute(Func):
    """A moment as the current time zone's "2026-03-01 09:30", formatted by the database
    (SQLite through the function evaluation.stats registers)."""

    output_field = CharField()

    def __init__(self, field: str):
        super().__init__(Value(timezone.get_current_timezone_name()), F(field))

    def as_postgresql(self, compiler, connection):
        zone, moment = (compiler.compile(e) for e in self.source_expressions)
        sql = f"to_char(timezone({zone[0]}, {moment[0]}), 'YYYY-MM-DD HH24:MI')"
        return sql, (*zone[1], *moment[1])

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function=SQLITE_LOCAL_MINUTE, **extra)


def local_minute(field: str) -> Func:
    return LocalMinute(field)


def answers_query(responses: QuerySet[Response]) -> tuple[str, list]:
    """SQL and parameters for the answers of `responses` (submitted ones only), in report
    order, as the CSV shows them: name, email, wave, domain, statement (text made safe for
    a spreadsheet, as `core.csv.cell` does), value and local submission time ("2026-03-01
    09:30"). A cohort at scale holds tens of thousands: `core.csv.query_csv_response`
    streams them without holding them in memory."""
    in_order = [F("fellow__name"), F("fellow__email"), wave_order("wave__kind"), F("pk")]
    responses = (
        responses.filter(submitted_at__isnull=False)
        .annotate(position=Window(RowNumber(), order_by=in_order))
        .order_by("position")
        .values(
            "position",
            response=F("pk"),
            name=F("fellow__name"),
            email=F("fellow__email"),
            kind=F("wave__kind"),
            submitted=local_minute("submitted_at"),
        )
    )
    return _answers_sql(*responses.query.sql_with_params())


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
