"""Reads of a fellow's place in a cohort and their scorecard."""

from dataclasses import dataclass, field

from django.db.models import QuerySet

from accounts.models import Membership, Role
from accounts.roles import roles_of
from evaluation.models import Domain, LookingBack, Score, Wave
from evaluation.selectors.frameworks import DOMAIN_ORDER
from evaluation.selectors.waves import waves_of

# What the scorecard pages load a fellow's place from.
FELLOWSHIPS = Membership.objects.filter(role=Role.FELLOW).select_related(
    "user", "cohort__programme"
)


def fellowships_of(user) -> QuerySet[Membership]:
    """The person's active places as a fellow, newest cohort first."""
    return (
        Membership.objects.active_fellows()
        .filter(user=user, cohort_id__in=roles_of(user).fellow_cohorts)
        .select_related("cohort")
        .order_by("-cohort__starts_on")
    )


def fellowship_of(fellow_id: int, cohort_id: int) -> Membership | None:
    """The person's place as a fellow of the cohort, active or not (for the scorecard link)."""
    return Membership.objects.filter(
        cohort_id=cohort_id, user_id=fellow_id, role=Role.FELLOW
    ).first()


@dataclass
class ScorecardRow:
    key: str
    name: str
    is_outcome: bool
    cells: list = field(default_factory=list)  # (wave, score or None, change since baseline)
    looking_back: int | None = None


def scorecard(membership: Membership) -> tuple[list[Wave], list[ScorecardRow]]:
    """The fellow's scores per domain per wave, in four queries."""
    waves = list(waves_of(membership.cohort))
    scores = {
        (score.wave_id, score.domain.key): score
        for score in Score.objects.filter(wave__cohort=membership.cohort, fellow=membership.user)
        .select_related("domain")
        .defer("evidence")
    }
    domains: dict[str, Domain] = {}
    for domain in Domain.objects.filter(framework__waves__cohort=membership.cohort).order_by(
        "framework__waves__opens_on"
    ):
        domains[domain.key] = domain  # the newest wave's naming wins
    looked_back = dict(
        LookingBack.objects.filter(
            response__wave__cohort=membership.cohort,
            response__fellow=membership.user,
            indicator__isnull=True,
        ).values_list("domain__key", "value")
    )
    baseline = next((wave for wave in waves if wave.kind == Wave.Kind.BASELINE), None)
    rows = []
    for key in DOMAIN_ORDER:
        if key not in domains:
            continue
        row = ScorecardRow(key, domains[key].name, domains[key].is_outcome)
        start = scores.get((baseline.pk, key)) if baseline else None
        for wave in waves:
            score = scores.get((wave.pk, key))
            change = None
            if (
                score is not None
                and start is not None
                and wave != baseline
                and score.value is not None
                and start.value is not None
            ):
                change = score.value - start.value
            row.cells.append((wave, score, change))
        row.looking_back = looked_back.get(key)
        rows.append(row)
    return waves, rows
