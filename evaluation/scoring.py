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
"""

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from fractions import Fraction

MIN_SHARE_ANSWERED = Fraction(3, 4)


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


def domain_score(items: Sequence[Item]) -> DomainScore:
    expected = [item for item in items if item.counts]
    answered = [item for item in expected if item.answered]
    result = DomainScore(None, len(answered), len(expected))
    if not expected or Fraction(len(answered), len(expected)) < MIN_SHARE_ANSWERED:
        return result
    total_weight = sum(item.weight for item in answered)
    if total_weight <= 0:
        return result
    value = sum(item.weight * item.on_100 for item in answered) / total_weight
    return DomainScore(round(value, 2), len(answered), len(expected))
