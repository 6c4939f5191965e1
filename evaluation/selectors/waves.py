"""Reads of waves: their order, the open ones, and the fellows and ratings of each."""

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
from django.utils import timezone

from accounts.models import Cohort, Membership, Role
from accounts.roles import roles_of
from core.cached import for_user
from evaluation.models import AdviserRating, Answer, Indicator, Response, Wave

# What the cohort and wave pages load their object from.
COHORTS = Cohort.objects.select_related("programme")
WAVES = Wave.objects.select_related("cohort__programme", "framework")

WAVE_ORDER = [kind for kind, _ in Wave.Kind.choices]


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
    """The wave the fellow should answer next, for the header: its id only. Cached for the
    day under the fellow's own stamp, which every write to their cohorts' waves moves."""
    return for_user(
        user,
        "open_wave",
        lambda: (
            Wave.objects.open_on(timezone.localdate())
            .filter(cohort_id__in=roles_of(user).fellow_cohorts)
            .order_by("closes_on", "pk")
            .values_list("pk", flat=True)
            .first()
        ),
        daily=True,
    )


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
