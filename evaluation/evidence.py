"""Derived indicators: measures worked out from Pioneer's own records.

Each measure is registered under the key its indicators carry in
`Indicator.derived_key`, with a plain explanation and the thresholds that map
its raw value onto the 1 to 5 scale the statements use. The "How scores are
worked out" page is written from this registry.

A measure's function takes `(cohort, as_of, fellow_ids)` and returns each
fellow's `Evidence(value, records)` in a fixed number of queries, so a whole
wave is worked out at once; `evidence_for(key, fellow, cohort, as_of)` is the
one-fellow form. Records count up to the end of `as_of` (London time).

A fellow with no records a measure can judge (no learning-set meeting recorded
yet, say) gets "no data yet" (`value=None`), which leaves the indicator out of
the domain: neither answered nor expected.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef
from django.utils import formats, timezone

from accounts.models import Cohort, Membership, Role
from cohorts.models import Attendance, LearningSetMember, Session
from mentoring.models import Booking


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


# While `measure_all` runs: the network by (cohort, date), read once for the measures using it.
_networks: ContextVar[dict | None] = ContextVar("networks", default=None)


def measure_all(keys, cohort: Cohort, as_of: datetime.date, fellow_ids) -> dict:
    """{key: {fellow id: Evidence}} for each measure in `keys`."""
    token = _networks.set({})
    try:
        return {key: MEASURES[key].compute(cohort, as_of, fellow_ids) for key in sorted(keys)}
    finally:
        _networks.reset(token)


def evidence_for(key: str, fellow, cohort: Cohort, as_of: datetime.date) -> Evidence:
    return MEASURES[key].compute(cohort, as_of, [fellow.pk])[fellow.pk]


def end_of(as_of: datetime.date) -> datetime.datetime:
    """Midnight after `as_of` in London: records starting before it count."""
    midnight = datetime.datetime.combine(as_of + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(midnight, timezone.get_default_timezone())


def _day(moment: datetime.datetime) -> str:
    """The London date of a stored (UTC) time, as people write it: 3 March 2026."""
    return formats.date_format(timezone.localtime(moment, timezone.get_default_timezone()), "j F Y")


def _held_sessions(cohort: Cohort, as_of: datetime.date):
    """Mentoring sessions of the cohort's fellows marked held, by the end of `as_of`."""
    return Booking.objects.filter(
        cohort=cohort, status=Booking.Status.HELD, starts_at__lt=end_of(as_of)
    )


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

    A set's ties count from its first meeting on or before `as_of`: a set that
    has not met yet has tied nobody. Pioneer does not record when a fellow
    joined a set, so a member counts from the set's first meeting.
    """
    met = Session.objects.filter(
        learning_set=OuterRef("learning_set_id"),
        kind=Session.Kind.LEARNING_SET_MEETING,
        starts_at__lt=end_of(as_of),
    )
    pairs = (
        LearningSetMember.objects.filter(
            cohort=cohort, learning_set__members__fellow_id__gt=F("fellow_id")
        )
        .filter(Exists(met))
        .values_list("fellow_id", "learning_set__members__fellow_id", "learning_set__name")
        .order_by("learning_set__name", "fellow_id", "learning_set__members__fellow_id")
    )
    return [Tie(a, b, "learning_set", f"learning set {name}") for a, b, name in pairs]


def mentoring_ties(cohort: Cohort, as_of: datetime.date) -> list[Tie]:
    """A tie between a fellow and each mentor they met in a held session, in one query."""
    pairs = (
        _held_sessions(cohort, as_of)
        .values_list("fellow_id", "slot__mentor_id", "slot__mentor__name")
        .order_by("fellow_id", "slot__mentor__name", "slot__mentor_id")
        .distinct()
    )
    return [
        Tie(fellow, mentor, "mentoring", f"mentoring with {name}") for fellow, mentor, name in pairs
    ]


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
    shared = _networks.get()
    if shared is not None and (cohort.pk, as_of) in shared:
        return shared[cohort.pk, as_of]
    ties = cohort_ties(cohort, as_of)
    people = network_people(cohort, ties)
    reach: dict[int, dict[int, str]] = defaultdict(dict)
    for tie in ties:
        reach[tie.first].setdefault(tie.second, tie.via)
        reach[tie.second].setdefault(tie.first, tie.via)
    if shared is not None:
        shared[cohort.pk, as_of] = reach, people
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
        "in the same learning set, once the set has had its first meeting, and mentors they "
        "have met in a held mentoring session."
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
        "as held. Cancelled sessions and no-shows do not count. Meeting three or more "
        "mentors over the year is doing well."
    ),
    thresholds=(1, 2, 3, 5),
)
def mentors_met(cohort, as_of, fellow_ids):
    sessions: dict[int, list[str]] = defaultdict(list)
    mentors: dict[int, set[int]] = defaultdict(set)
    held = (
        _held_sessions(cohort, as_of)
        .filter(fellow_id__in=fellow_ids)
        .values_list("fellow_id", "slot__mentor_id", "slot__mentor__name", "starts_at")
        .order_by("starts_at", "pk")
    )
    for fellow_id, mentor_id, name, starts_at in held:
        sessions[fellow_id].append(f"{name}, {_day(starts_at)}")
        mentors[fellow_id].add(mentor_id)
    return {
        fellow_id: Evidence(float(len(mentors[fellow_id])), tuple(sessions[fellow_id]))
        for fellow_id in fellow_ids
    }


def _attendance(cohort: Cohort, as_of: datetime.date, fellow_ids, *, meetings: bool):
    """(fellow id, session title, start, status) at the cohort's learning-set meetings, or
    at its other sessions, held by the end of `as_of`, oldest first."""
    rows = Attendance.objects.filter(
        session__cohort=cohort,
        session__starts_at__lt=end_of(as_of),
        fellow_id__in=fellow_ids,
    )
    kind = {"session__kind": Session.Kind.LEARNING_SET_MEETING}
    rows = rows.filter(**kind) if meetings else rows.exclude(**kind)
    return rows.values_list("fellow_id", "session__title", "session__starts_at", "status").order_by(
        "session__starts_at", "session_id"
    )


STATUS_WORDS = dict(Attendance.Status.choices)


@register(
    key="learning_set_attendance",
    name="Learning-set attendance",
    unit="% of meetings",
    explanation=(
        "Of the meetings of the fellow's learning set held so far with attendance taken, "
        "the share the fellow was present at. Apologies count as not attending. A fellow "
        "whose set has no meetings recorded yet has no value, so the item is not counted. "
        "Attending 75% or more is good."
    ),
    thresholds=(40, 60, 75, 90),
)
def learning_set_attendance(cohort, as_of, fellow_ids):
    recorded: dict[int, list[str]] = defaultdict(list)
    present: dict[int, int] = defaultdict(int)
    for fellow_id, title, starts_at, status in _attendance(
        cohort, as_of, fellow_ids, meetings=True
    ):
        recorded[fellow_id].append(f"{title}, {_day(starts_at)}: {STATUS_WORDS[status].lower()}")
        present[fellow_id] += status == Attendance.Status.PRESENT
    evidence = {}
    for fellow_id in fellow_ids:
        lines = recorded[fellow_id]
        if not lines:
            evidence[fellow_id] = Evidence(None, (), "No learning-set meetings recorded yet.")
            continue
        share = round(100 * present[fellow_id] / len(lines), 1)
        evidence[fellow_id] = Evidence(share, tuple(lines))
    return evidence


@register(
    key="sessions_attended",
    name="Programme sessions attended",
    unit="sessions",
    explanation=(
        "The number of the cohort's teaching days, workshops, showcase and other sessions "
        "(not learning-set meetings) the fellow was marked present at. A fellow with no "
        "attendance recorded yet has no value, so the item is not counted. A year usually "
        "holds about ten such sessions; 7 or more is good."
    ),
    thresholds=(3, 5, 7, 9),
)
def sessions_attended(cohort, as_of, fellow_ids):
    attended: dict[int, list[str]] = defaultdict(list)
    recorded: set[int] = set()
    for fellow_id, title, starts_at, status in _attendance(
        cohort, as_of, fellow_ids, meetings=False
    ):
        recorded.add(fellow_id)
        if status == Attendance.Status.PRESENT:
            attended[fellow_id].append(f"{title}, {_day(starts_at)}")
    return {
        fellow_id: Evidence(float(len(attended[fellow_id])), tuple(attended[fellow_id]))
        if fellow_id in recorded
        else Evidence(None, (), "No session attendance recorded yet.")
        for fellow_id in fellow_ids
    }
