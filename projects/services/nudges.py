"""Claiming the reminder to a quiet fellow, so it is sent once."""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction

from core.changes import Places, record
from projects.models import Project
from projects.selectors.projects import NUDGE_DAYS


@contextmanager
def nudge_claimed(*, project: Project, now: datetime.datetime) -> Iterator[bool]:
    """Stamp `last_nudged_at` unless the fellow was nudged, about this or another of their
    projects, within the fortnight; yields whether we won.

    The fellow's projects are locked while we look, so two workers nudging at once, even
    about two projects of one fellow, send one email. If the send fails the old stamp is
    put back so the retry can claim it.
    """
    since = now - datetime.timedelta(days=NUDGE_DAYS)
    previous = project.last_nudged_at
    with transaction.atomic():
        stamps = (
            Project.objects.select_for_update()
            .filter(fellow_id=project.fellow_id)
            .order_by("pk")
            .values_list("last_nudged_at", flat=True)
        )
        won = all(stamp is None or stamp <= since for stamp in stamps)
        if won:
            # The nudge task's own bookkeeping, made by no person: not on the audit trail.
            Project.objects.filter(pk=project.pk).update(last_nudged_at=now)
            record(Places(cohorts={(project.cohort.programme_id, project.cohort_id)}))
    try:
        yield won
    except BaseException:
        if won:
            Project.objects.filter(pk=project.pk, last_nudged_at=now).update(
                last_nudged_at=previous
            )
        raise
