"""A suggested split of fellows into action learning sets.

Sets learn most when their members come from different organisations and
professions, so the split spreads both. It is deterministic: the same fellows
always give the same sets, whatever order they come in.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil

from cohorts.services.learning_sets import SET_SIZE_MAX, SET_SIZE_MIN

IDEAL_SET_SIZE = 6


@dataclass(frozen=True)
class Candidate:
    """A fellow to place, with what the split balances."""

    id: int
    name: str
    organisation: str = ""
    profession: str = ""


def default_set_count(fellows: int) -> int:
    """About six to a set, kept within 4 to 8 when the numbers allow."""
    if fellows <= 0:
        return 0
    count = max(1, round(fellows / IDEAL_SET_SIZE))
    while fellows / count > SET_SIZE_MAX:
        count += 1
    while count > 1 and fellows / count < SET_SIZE_MIN:
        count -= 1
    return count


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def suggest_split(fellows: Sequence[Candidate], set_count: int) -> list[list[Candidate]]:
    """Place fellows in `set_count` sets of near-equal size, spreading organisations
    and professions. Fellows of the largest organisations are placed first, while
    every set still has room, so they end up apart."""
    if set_count < 1:
        raise ValueError("set_count must be at least 1")
    organisations = Counter(_key(f.organisation) for f in fellows if f.organisation.strip())
    professions = Counter(_key(f.profession) for f in fellows if f.profession.strip())
    order = sorted(
        fellows,
        key=lambda f: (
            -organisations[_key(f.organisation)],
            _key(f.organisation),
            -professions[_key(f.profession)],
            _key(f.profession),
            f.id,
        ),
    )
    capacity = ceil(len(fellows) / set_count)
    sets: list[list[Candidate]] = [[] for _ in range(set_count)]
    seen_organisations = [Counter() for _ in range(set_count)]
    seen_professions = [Counter() for _ in range(set_count)]
    for fellow in order:
        organisation, profession = _key(fellow.organisation), _key(fellow.profession)
        open_sets = [index for index in range(set_count) if len(sets[index]) < capacity]
        best = min(
            open_sets,
            key=lambda index: (
                seen_organisations[index][organisation] if organisation else 0,
                seen_professions[index][profession] if profession else 0,
                len(sets[index]),
                index,
            ),
        )
        sets[best].append(fellow)
        seen_organisations[best][organisation] += 1
        seen_professions[best][profession] += 1
    return [sorted(members, key=lambda f: (_key(f.name), f.id)) for members in sets]


def balance(members: Sequence[Candidate]) -> tuple[int, int]:
    """How many different organisations and professions a set has."""
    organisations = {_key(f.organisation) for f in members if f.organisation.strip()}
    professions = {_key(f.profession) for f in members if f.profession.strip()}
    return len(organisations), len(professions)
