"""How a domain score is worked out, as plain functions (PRODUCT.md's rules).

- Every item is put on 0 to 1: (value - scale minimum) / (scale maximum - scale
  minimum). For the 1 to 5 statements that is (answer - 1) / 4.
- The domain score is the weighted mean of its answered items times 100. With
  every item on the same scale this is exactly the weighted mean answer
  rescaled: (mean - min) / (max - min) * 100.
- A missing answer is left out, never counted as zero.
- Fewer than 75% of the domain's items answered (counted, not weighted): no score.
- Self-assessment statements are the fellow's answers; adviser-rated items are
  the adviser's rating on the same scale; derived items are measures from
  Pioneer's records mapped onto 1 to 5 by the thresholds in evaluation.evidence.
  A derived item with no data yet is neither answered nor expected.
- A score is kept to 2 decimal places, a half rounded up (53.125 is 53.13), worked out
  on the exact value. Floats added in Python's order or the database's would put a
  half a hair either side and round it either way; `seeding.scale.evaluation_scores` scores
  in bulk with `score_sql`, the same rule in whole numbers, so both agree on every database.
"""

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from fractions import Fraction

from evaluation.models import SCALE_CEILING, SCALE_FLOOR

MIN_SHARE_ANSWERED = Fraction(3, 4)
PLACES = 2
# A multiple of every span a scale may have (1 to 10 points): an item counted in
# COMMON_SPAN-ths of its span is a whole number, so the database adds it exactly.
COMMON_SPAN = math.lcm(*range(1, SCALE_CEILING - SCALE_FLOOR + 1))


@dataclass(frozen=True)
class Item:
    indicator_id: int
    statement: str
    kind: str
    weight: float
    scale_min: int
    scale_max: int
    value: float | None  # on the indicator's scale; None when not answered
    raw: float | None = None  # a derived measure's own value (people, %, sessions)
    unit: str = ""
    records: tuple[str, ...] = ()
    note: str = ""
    counts: bool = True  # False for a derived measure with no data yet

    @property
    def answered(self) -> bool:
        return self.counts and self.value is not None

    @property
    def on_100(self) -> float | None:
        if not self.answered:
            return None
        return 100.0 * (self.value - self.scale_min) / (self.scale_max - self.scale_min)

    @property
    def hundredths(self) -> int:
        """The weight in whole hundredths: weights have two decimal places."""
        return round(self.weight * 100)

    @property
    def share(self) -> Fraction:
        """The answer on 0 to 1, exactly."""
        return Fraction(self.value - self.scale_min) / (self.scale_max - self.scale_min)

    def as_evidence(self) -> dict:
        evidence = asdict(self)
        evidence["records"] = list(self.records)
        evidence["on_100"] = self.on_100
        return evidence


@dataclass(frozen=True)
class DomainScore:
    value: float | None
    answered: int
    expected: int


def answers_needed(expected: int) -> int:
    """The fewest answers out of `expected` items that still give a score."""
    return math.ceil(MIN_SHARE_ANSWERED * expected)


def domain_score(items: Sequence[Item]) -> DomainScore:
    expected = [item for item in items if item.counts]
    answered = [item for item in expected if item.answered]
    result = DomainScore(None, len(answered), len(expected))
    if not expected or len(answered) < answers_needed(len(expected)):
        return result
    total_weight = sum(item.hundredths for item in answered)
    if total_weight <= 0:
        return result
    mean = sum(item.hundredths * item.share for item in answered) / total_weight
    return DomainScore(rounded(100 * mean), len(answered), len(expected))


def rounded(value: Fraction) -> float:
    """To PLACES decimal places, a half rounded up."""
    scale = 10**PLACES
    return math.floor(value * scale + Fraction(1, 2)) / scale


# The same rule in SQL, for scoring in bulk. Every term is a whole number, so SQLite and
# PostgreSQL add them exactly and divide them as integers; Django's Round would round the
# same floats that tipped the halves.


def item_points_sql(*, value: str, scale_min: str, scale_max: str, weight: str) -> str:
    """An answered item's part of its score as a whole number: its weight in hundredths
    times its answer in COMMON_SPAN-ths of its scale (at most 9,999 x 10 x 2,520, within
    a 32-bit integer). Sum it over a domain's answered items."""
    return (
        f"{weight_sql(weight)} * ({value} - {scale_min})"
        f" * ({COMMON_SPAN} / ({scale_max} - {scale_min}))"
    )


def weight_sql(weight: str) -> str:
    """An item's weight in whole hundredths. Sum it over the same items."""
    return f"CAST(ROUND({weight} * 100) AS INTEGER)"


def score_sql(*, answered: str, expected: str, points: str, weights: str) -> str:
    """A domain's score as `domain_score` works it out, from the count of its answered and
    expected items and the sums of `item_points_sql` and `weight_sql` over the answered ones:
    null under MIN_SHARE_ANSWERED answered or when they weigh nothing, else rounded as
    `rounded` does. The score is 100 * points / (COMMON_SPAN * weights); in hundredths with
    a half rounded up, that is the integer quotient of
    (2 * 100 * 100 * points + COMMON_SPAN * weights) by (2 * COMMON_SPAN * weights)."""
    scale = 10**PLACES
    value = (
        f"({2 * 100 * scale} * {points} + {COMMON_SPAN} * {weights})"
        f" / (2 * {COMMON_SPAN} * {weights}) / {scale}.0"
    )
    share = MIN_SHARE_ANSWERED
    return (
        f"CASE WHEN {share.denominator} * {answered} >= {share.numerator} * {expected}"
        f" AND {weights} > 0 THEN {value} END"
    )
