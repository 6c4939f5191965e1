"""Reads shared by the evaluation's views, each filtered by the rules in rules.py."""

from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Cohort, Membership, Role
from accounts.roles import roles_of
from evaluation.models import (
    AdviserRating,
    Answer,
    Domain,
    Framework,
    Indicator,
    LookingBack,
    Response,
    Score,
    Wave,
)

WAVE_ORDER = [kind for kind, _ in Wave.Kind.choices]
DOMAIN_ORDER = [key for key, _ in Domain.Key.choices]


def wave_order(field: str = "kind") -> Case:
    """Baseline, midpoint, end, follow-up, as a sortable number."""
    return Case(
        *[When(**{field: kind}, then=Value(index)) for index, kind in enumerate(WAVE_ORDER)],
        output_field=IntegerField(),
    )


def waves_of(cohort: Cohort) -> QuerySet[Wave]:
    return (
        Wave.objects.filter(cohort=cohort)
        .select_related("framework")
        .alias(order=wave_order())
        .order_by("order")
    )


# Fellows.


def open_waves_for_fellow(user) -> QuerySet[Wave]:
    """Waves open today in the person's cohorts, with their own response's state."""
    own = Response.objects.filter(wave=OuterRef("pk"), fellow=user)
    return (
        Wave.objects.open_on(timezone.localdate())
        .filter(cohort_id__in=roles_of(user).fellow_cohorts)
        .select_related("cohort")
        .annotate(
            submitted_at=Subquery(own.values("submitted_at")[:1]),
            has_draft=Exists(
                Answer.objects.filter(response__wave=OuterRef("pk"), response__fellow=user)
            ),
        )
        .order_by("closes_on", "pk")
    )


def first_open_wave_id(user) -> int | None:
    """The wave the fellow should answer next, for the header: its id only."""
    return (
        Wave.objects.open_on(timezone.localdate())
        .filter(cohort_id__in=roles_of(user).fellow_cohorts)
        .order_by("closes_on", "pk")
        .values_list("pk", flat=True)
        .first()
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


def own_response(wave: Wave, user) -> Response | None:
    return (
        Response.objects.filter(wave=wave, fellow=user)
        .prefetch_related("answers", "looking_back")
        .first()
    )


def wave_domains(wave: Wave) -> list[Domain]:
    return list(
        Domain.objects.filter(framework_id=wave.framework_id).prefetch_related("indicators")
    )


# The scorecard.


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
            response__wave__cohort=membership.cohort, response__fellow=membership.user
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


# Advisers.


def cohorts_for_evaluation(user) -> QuerySet[Cohort]:
    """Cohorts of the programmes the person advises, with their waves and response counts."""
    active_fellows = Membership.objects.active_fellows(OuterRef("cohort")).values("user_id")
    waves = (
        Wave.objects.alias(order=wave_order())
        .annotate(
            answered=Count(
                "responses",
                filter=Q(
                    responses__submitted_at__isnull=False,
                    responses__fellow_id__in=active_fellows,
                ),
            )
        )
        .order_by("order")
    )
    return (
        Cohort.objects.filter(programme_id__in=roles_of(user).adviser_programmes)
        .select_related("programme")
        .annotate(
            fellow_count=Count(
                "memberships",
                filter=Q(memberships__role=Role.FELLOW, memberships__is_active=True),
            )
        )
        .prefetch_related(Prefetch("evaluation_waves", queryset=waves))
        .order_by("programme__name", "-starts_on")
    )


def open_waves_advised_by(user) -> QuerySet[Wave]:
    active_fellows = Membership.objects.active_fellows(OuterRef("cohort")).values("user_id")
    return (
        Wave.objects.open_on(timezone.localdate())
        .filter(cohort__programme_id__in=roles_of(user).adviser_programmes)
        .select_related("cohort")
        .annotate(
            answered=Count(
                "responses",
                filter=Q(
                    responses__submitted_at__isnull=False,
                    responses__fellow_id__in=active_fellows,
                ),
            ),
            fellow_count=Subquery(
                Membership.objects.active_fellows(OuterRef("cohort"))
                .values("cohort")
                .annotate(count=Count("pk"))
                .values("count")[:1]
            ),
        )
        .order_by("closes_on", "pk")
    )


def wave_fellows(wave: Wave) -> QuerySet[Membership]:
    """The cohort's active fellows with the state of their response and ratings."""
    response = Response.objects.filter(wave=wave, fellow=OuterRef("user_id"))
    return (
        Membership.objects.active_fellows(wave.cohort_id)
        .select_related("user")
        .annotate(
            submitted_at=Subquery(response.values("submitted_at")[:1]),
            invited_at=Subquery(response.values("invited_at")[:1]),
            reminder_sent_at=Subquery(response.values("reminder_sent_at")[:1]),
            has_draft=Exists(
                Answer.objects.filter(response__wave=wave, response__fellow=OuterRef("user_id"))
            ),
            rating_count=Subquery(
                AdviserRating.objects.filter(wave=wave, fellow=OuterRef("user_id"))
                .values("fellow")
                .annotate(count=Count("pk"))
                .values("count")[:1]
            ),
        )
        .order_by("user__name")
    )


def rated_indicators(wave: Wave) -> QuerySet[Indicator]:
    return Indicator.objects.filter(
        domain__framework_id=wave.framework_id, kind=Indicator.Kind.ADVISER_RATING
    ).select_related("domain")


def ratings_of(wave: Wave, fellow) -> dict[int, int]:
    return dict(
        AdviserRating.objects.filter(wave=wave, fellow=fellow).values_list("indicator_id", "value")
    )


# Frameworks.


def _newer_version() -> Exists:
    """Whether a newer version of the outer framework exists (the default has no programme)."""
    return Exists(
        Framework.objects.annotate(place=Coalesce("programme_id", 0)).filter(
            place=Coalesce(OuterRef("programme_id"), 0),
            name=OuterRef("name"),
            version__gt=OuterRef("version"),
        )
    )


def frameworks_visible_to(user) -> QuerySet[Framework]:
    """The default framework and the frameworks of the programmes the person advises, each
    with how many of those programmes' waves use it (never other programmes' waves)."""
    advised = roles_of(user).adviser_programmes
    own_waves = Q(waves__cohort__programme_id__in=advised)
    return (
        Framework.objects.filter(Q(programme__isnull=True) | Q(programme_id__in=advised))
        .select_related("programme")
        .annotate(superseded=_newer_version(), wave_count=Count("waves", filter=own_waves))
        .order_by("programme__name", "name", "-version")
    )


def frameworks_for_cohort(cohort: Cohort) -> QuerySet[Framework]:
    """Frameworks a new wave of the cohort may use: the newest version of each."""
    return (
        Framework.objects.filter(Q(programme__isnull=True) | Q(programme_id=cohort.programme_id))
        .exclude(_newer_version())
        .order_by("programme_id", "name")
    )


def framework_detail(framework: Framework) -> list[Domain]:
    return list(framework.domains.prefetch_related("indicators"))


def newest_version(framework: Framework) -> Framework | None:
    return (
        Framework.objects.filter(programme_id=framework.programme_id, name=framework.name)
        .order_by("-version")
        .first()
    )
