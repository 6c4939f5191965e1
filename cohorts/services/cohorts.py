"""Writes on a cohort itself: creating it, changing its name, dates or status."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Cohort, Programme


def cohort_create(
    *, programme: Programme, name: str, starts_on: date, ends_on: date, status: str
) -> Cohort:
    cohort = Cohort(
        programme=programme, name=name.strip(), starts_on=starts_on, ends_on=ends_on, status=status
    )
    cohort.full_clean()
    cohort.save()
    return cohort


@transaction.atomic
def cohort_update(
    *, cohort: Cohort, name: str, starts_on: date, ends_on: date, status: str
) -> Cohort:
    """Change a cohort's name, dates or status; its sessions must still fit its dates."""
    cohort.name, cohort.starts_on, cohort.ends_on, cohort.status = (
        name.strip(),
        starts_on,
        ends_on,
        status,
    )
    cohort.full_clean()
    outside = [
        session
        for session in cohort.sessions.only("starts_at", "ends_at")
        if not _within(cohort, session.starts_at, session.ends_at)
    ]
    if outside:
        raise ValidationError(
            f"{len(outside)} session{'s' if len(outside) > 1 else ''} of this cohort would fall "
            "outside these dates. Move them first, or choose dates that include them."
        )
    cohort.save()
    return cohort


def _within(cohort: Cohort, starts_at, ends_at) -> bool:
    first = timezone.localtime(starts_at).date()
    last = timezone.localtime(ends_at).date()
    return cohort.starts_on <= first and last <= cohort.ends_on
