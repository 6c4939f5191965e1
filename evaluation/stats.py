"""The few statistics the cohort report needs, without SciPy.

Student's t quantile comes from the regularised incomplete beta function
(continued fraction, as in Numerical Recipes) and bisection: exact to far more
places than a report shows, and one small function instead of a large
dependency.
"""

import datetime
import math
import zoneinfo
from dataclasses import dataclass

from django.db.models import Aggregate, FloatField

# Reliability assumed for every domain score when judging reliable change: the
# usual floor for a short self-report scale (Cronbach's alpha of 0.80).
RELIABILITY = 0.80
# |change| above 1.96 standard errors of the difference is "more than noise" (95%).
RELIABLE_CHANGE_Z = 1.96


def _beta_continued_fraction(x: float, a: float, b: float) -> float:
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def regularised_beta(x: float, a: float, b: float) -> float:
    """I_x(a, b) for 0 <= x <= 1."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_continued_fraction(x, a, b) / a
    return 1.0 - front * _beta_continued_fraction(1.0 - x, b, a) / b


def t_cdf(t: float, df: float) -> float:
    """P(T <= t) for Student's t with `df` degrees of freedom."""
    tail = 0.5 * regularised_beta(df / (df + t * t), df / 2.0, 0.5)
    return 1.0 - tail if t >= 0 else tail


def t_quantile(p: float, df: float) -> float:
    """The t value below which a share `p` of the distribution lies."""
    if not 0.0 < p < 1.0 or df <= 0:
        raise ValueError("p must be between 0 and 1 and df positive")
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        high *= 2.0
    for _ in range(200):
        middle = (low + high) / 2.0
        if t_cdf(middle, df) < p:
            low = middle
        else:
            high = middle
        if high - low < 1e-12:
            break
    return (low + high) / 2.0


@dataclass(frozen=True)
class PairedChange:
    """Change from one wave to another for fellows who answered both."""

    n: int
    mean: float | None
    sd: float | None
    ci_low: float | None
    ci_high: float | None
    d_z: float | None


def paired_change(n: int, mean: float | None, sd: float | None) -> PairedChange:
    """Mean change with its 95% confidence interval (t distribution) and d_z = mean / SD."""
    if n < 2 or mean is None or sd is None:
        return PairedChange(n, mean, sd, None, None, None)
    half_width = t_quantile(0.975, n - 1) * sd / math.sqrt(n)
    d_z = mean / sd if sd > 0 else None
    return PairedChange(n, mean, sd, mean - half_width, mean + half_width, d_z)


def reliable_change_threshold(baseline_sd: float | None, reliability: float = RELIABILITY):
    """The smallest change larger than measurement noise (Jacobson and Truax, 1991).

    Standard error of measurement = SD * sqrt(1 - r); of a difference of two
    measurements, sqrt(2) times that; reliable beyond 1.96 of those.
    """
    if baseline_sd is None or baseline_sd <= 0:
        return None
    standard_error = baseline_sd * math.sqrt(1.0 - reliability)
    return RELIABLE_CHANGE_Z * math.sqrt(2.0) * standard_error


class Median(Aggregate):
    """The median: PERCENTILE_CONT on PostgreSQL, a registered function on SQLite."""

    function = "PERCENTILE_CONT"
    name = "Median"
    output_field = FloatField()
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    allow_distinct = False

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function=SQLITE_MEDIAN,
            template="%(function)s(%(expressions)s)",
            **extra_context,
        )


SQLITE_MEDIAN = "PIONEER_MEDIAN"


class SQLiteMedian:
    """SQLite aggregate for Median: keeps the group's values and takes the middle."""

    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        if not self.values:
            return None
        values = sorted(self.values)
        middle = len(values) // 2
        if len(values) % 2:
            return float(values[middle])
        return (values[middle - 1] + values[middle]) / 2.0


def register_sqlite_functions(sender, connection, **kwargs):
    """connection_created handler: teach SQLite the median and local minutes."""
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate(SQLITE_MEDIAN, 1, SQLiteMedian)
        connection.connection.create_function(
            SQLITE_LOCAL_MINUTE, 2, sqlite_local_minute, deterministic=True
        )


SQLITE_LOCAL_MINUTE = "pioneer_local_minute"


def sqlite_local_minute(zone: str, moment: str | None) -> str | None:
    """What PostgreSQL's to_char(timezone(zone, moment), 'YYYY-MM-DD HH24:MI') gives, for
    SQLite, which stores a moment as UTC text."""
    if moment is None:
        return None
    utc = datetime.datetime.fromisoformat(moment).replace(tzinfo=datetime.UTC)
    return utc.astimezone(zoneinfo.ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")
