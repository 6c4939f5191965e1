"""Derived indicators: measures worked out from Pioneer's own records.

Each measure is registered under the key its indicators carry in
`Indicator.derived_key`, with a plain explanation and the thresholds that map
its raw value onto the 1 to 5 scale the statements use. The "How scores are
worked out" page is written from this registry.

A measure's function takes `(cohort, as_of, fellow_ids)` and returns each
fellow's `Evidence(value, records)` in a fixed number of queries, so a whole
wave is worked out at once; `evidence_for(key, fellow, cohort, as_of)` is the
one-fellow form. Records count up to the end of `as_of` (London time).

Measures whose records live in apps that are not built yet are registered as
placeholders (`ready=False`): they return "no data yet" (`value=None`), which
leaves the indicator out of the domain (neither answered nor expected). See
`mentors_met`, `learning_set_attendance`, `sessions_attended` and
`mentoring_ties` for what each must do once those records exist.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db.models import F

from cohorts.models import LearningSetMember
from fellowship.accounts.models import Cohort, Membership, Role


@dataclass(frozen=True)
class Evidence:
    """A fellow's raw value for a measure (None: no data yet) and the records behind it."""

    value: float | None
    records: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Measure:
    key: str
    name: str
    unit: str
    explanation: str
    # Raw values at which 2, 3, 4 and 5 on the scale begin (below the first is 1).
    thresholds: tuple[float, float, float, float]
    compute: Callable[[Cohort, datetime.date, Sequence[int]], dict[int, Evidence]]
    ready: bool = True

    def scale(self, value: float) -> int:
        """The raw value on the 1 to 5 scale."""
        return 1 + sum(value >= threshold for threshold in self.thresholds)

    def bands(self) -> list[tuple[int, str]]:
        """(scale point, raw values) for the documentation page."""
        edges = [None, *self.thresholds, None]
        bands = []
        for point in range(1, 6):
            low, high = edges[point - 1], edges[point]
            if low is None:
                text = f"below {_number(high)}"
            elif high is None:
                text = f"{_number(low)} or more"
            else:
                text = f"{_number(low)} to under {_number(high)}"
            bands.append((point, f"{text} {self.unit}"))
        return bands


def _number(value: float) -> str:
    return f"{value:g}"


MEASURES: dict[str, Measure] = {}


def register(**kwargs) -> Callable:
    def decorator(compute):
        MEASURES[kwargs["key"]] = Measure(compute=compute, **kwargs)
        return compute

    return decorator


def evidence_for(key: str, fellow, cohort: Cohort, as_of: datetime.date) -> Evidence:
    return MEASURES[key].compute(cohort, as_of, [fellow.pk])[fellow.pk]


def _no_data_yet(fellow_ids: Iterable[int], note: str) -> dict[int, Evidence]:
    return {fellow_id: Evidence(None, (), note) for fellow_id in fellow_ids}


# The programme network: who is tied to whom, through which activity.


@dataclass(frozen=True)
class Tie:
    """An undirected tie between two people (user ids), e.g. through a learning set."""

    first: int
    second: int
    kind: str  # "learning_set" or "mentoring"
    via: str


@dataclass(frozen=True)
class Person:
    pk: int
    name: str
    organisation: str
    role: str  # Role.FELLOW or Role.MENTOR


def learning_set_ties(cohort: Cohort, as_of: datetime.date) -> list[Tie]:
    """Every pair of fellows in the same learning set of the cohort, in one query.

    Pioneer does not record when a fellow joined a set, so a set's ties count at
    every wave. Once the cohorts app records set meetings, this could count a
    tie only from the set's first meeting on or before `as_of`.
    """
    pairs = (
        LearningSetMember.objects.filter(
            cohort=cohort, learning_set__members__fellow_id__gt=F("fellow_id")
        )
        .values_list("fellow_id", "learning_set__members__fellow_id", "learning_set__name")
        .order_by("learning_set__name", "fellow_id", "learning_set__members__fellow_id")
    )
    return [Tie(a, b, "learning_set", f"learning set {name}") for a, b, name in pairs]


def mentoring_ties(cohort: Cohort, as_of: datetime.date) -> list[Tie]:
    """PLACEHOLDER until the mentoring app exists: fellow-to-mentor ties.

    To fill in: one query over bookings of this cohort's fellows with status
    "held" and a slot starting before the end of `as_of` (Europe/London),
    distinct (fellow, mentor) pairs, each as
    `Tie(fellow_id, mentor_id, "mentoring", f"mentoring with {mentor name}")`.
    The network picture and the two network measures then include mentors.
    """
    return []


TIE_SOURCES: list[Callable[[Cohort, datetime.date], list[Tie]]] = [
    learning_set_ties,
    mentoring_ties,
]


def cohort_ties(cohort: Cohort, as_of: datetime.date) -> list[Tie]:
    return [tie for source in TIE_SOURCES for tie in source(cohort, as_of)]


def network_people(cohort: Cohort, ties: Sequence[Tie]) -> dict[int, Person]:
    """The cohort's active fellows, and everyone else a tie reaches, in two queries."""
    fellows = Membership.objects.filter(cohort=cohort, role=Role.FELLOW).values_list(
        "user_id", "user__name", "organisation", "is_active"
    )
    people = {}
    tied = {person for tie in ties for person in (tie.first, tie.second)}
    for pk, name, organisation, is_active in fellows:
        if is_active or pk in tied:
            people[pk] = Person(pk, name, organisation, Role.FELLOW)
    others = tied - people.keys()
    if others:
        mentors = Membership.objects.filter(
            programme_id=cohort.programme_id, role=Role.MENTOR, user_id__in=others
        ).values_list("user_id", "user__name", "organisation")
        for pk, name, organisation in mentors:
            people[pk] = Person(pk, name, organisation, Role.MENTOR)
    return people


def _reach_of(cohort: Cohort, as_of: datetime.date):
    """For each person, whom they are tied to and through what (the first tie found)."""
    ties = cohort_ties(cohort, as_of)
    people = network_people(cohort, ties)
    reach: dict[int, dict[int, str]] = defaultdict(dict)
    for tie in ties:
        reach[tie.first].setdefault(tie.second, tie.via)
        reach[tie.second].setdefault(tie.first, tie.via)
    return reach, people


def _described(person: Person | None, via: str) -> str:
    if person is None:
        return via
    where = f", {person.organisation}" if person.organisation else ""
    return f"{person.name}{where} ({via})"


@register(
    key="network_ties",
    name="Ties in the programme network",
    unit="people",
    explanation=(
        "The number of different people the fellow is tied to in the programme: fellows "
        "in the same learning set, and mentors they have met in a held mentoring session."
    ),
    thresholds=(1, 3, 5, 8),
)
def network_ties(cohort, as_of, fellow_ids):
    reach, people = _reach_of(cohort, as_of)
    evidence = {}
    for fellow_id in fellow_ids:
        tied = reach[fellow_id]
        records = sorted(_described(people.get(pk), via) for pk, via in tied.items())
        evidence[fellow_id] = Evidence(float(len(tied)), tuple(records))
    return evidence


@register(
    key="organisations_reached",
    name="Other organisations reached",
    unit="organisations",
    explanation=(
        "The number of different organisations, other than the fellow's own, that the "
        "people they are tied to work for."
    ),
    thresholds=(1, 2, 4, 6),
)
def organisations_reached(cohort, as_of, fellow_ids):
    reach, people = _reach_of(cohort, as_of)
    evidence = {}
    for fellow_id in fellow_ids:
        own = people[fellow_id].organisation if fellow_id in people else ""
        through: dict[str, list[str]] = defaultdict(list)
        for pk in reach[fellow_id]:
            person = people.get(pk)
            if person and person.organisation and person.organisation != own:
                through[person.organisation].append(person.name)
        records = tuple(
            f"{organisation} (through {', '.join(sorted(names))})"
            for organisation, names in sorted(through.items())
        )
        evidence[fellow_id] = Evidence(float(len(through)), records)
    return evidence


@register(
    key="mentors_met",
    name="Mentors met",
    unit="mentors",
    explanation=(
        "The number of different mentors the fellow has met in mentoring sessions marked "
        "as held. Cancelled sessions and no-shows do not count."
    ),
    thresholds=(1, 2, 3, 5),
    ready=False,
)
def mentors_met(cohort, as_of, fellow_ids):
    """PLACEHOLDER until the mentoring app exists.

    To fill in: one query over bookings with status "held" of these fellows in this
    cohort's programme whose slot starts before the end of `as_of` (Europe/London),
    counting distinct mentors per fellow; value = that count (0 when none), records =
    "<mentor name>, <date>" per held session.
    """
    return _no_data_yet(fellow_ids, "No data yet: Pioneer does not record mentoring sessions yet.")


@register(
    key="learning_set_attendance",
    name="Learning-set attendance",
    unit="% of meetings",
    explanation=(
        "Of the meetings of the fellow's learning set held so far, the share the fellow "
        "attended. Apologies count as not attending."
    ),
    thresholds=(40, 60, 75, 90),
    ready=False,
)
def learning_set_attendance(cohort, as_of, fellow_ids):
    """PLACEHOLDER until the cohorts app records sessions and attendance.

    To fill in: one query over attendance at learning-set meetings of this cohort held
    on or before `as_of`, grouped by fellow: value = 100 * present / recorded (None,
    "no meetings yet", when the fellow's set has held none), records = "<date>: present /
    apologies / absent" per meeting.
    """
    return _no_data_yet(
        fellow_ids, "No data yet: Pioneer does not record learning-set attendance yet."
    )


@register(
    key="sessions_attended",
    name="Programme sessions attended",
    unit="sessions",
    explanation=(
        "The number of the cohort's teaching days, workshops and showcase sessions the "
        "fellow was marked present at."
    ),
    thresholds=(1, 2, 4, 6),
    ready=False,
)
def sessions_attended(cohort, as_of, fellow_ids):
    """PLACEHOLDER until the cohorts app records sessions and attendance.

    To fill in: one query counting attendance marked present at this cohort's sessions
    (not learning-set meetings) held on or before `as_of`, per fellow: value = that count
    (0 when none), records = "<session title>, <date>" per session attended.
    """
    return _no_data_yet(fellow_ids, "No data yet: Pioneer does not record session attendance yet.")
