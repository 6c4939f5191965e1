"""Reads of frameworks: which a person sees, which a new wave may use, and their versions."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce

from accounts.models import Cohort
from accounts.roles import roles_of
from evaluation.models import Domain, Framework

DOMAIN_ORDER = [key for key, _ in Domain.Key.choices]


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
