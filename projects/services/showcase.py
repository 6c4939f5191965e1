"""The running order of a cohort's showcase."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import Cohort
from core.changes import Places, record
from projects.models import Project, ShowcasePlace, ShowcaseSchedule


@transaction.atomic
def showcase_order_set(
    *,
    cohort: Cohort,
    project_ids: Sequence[int],
    starts_at: datetime.time | None = None,
    slot_minutes: int | None = None,
) -> list[ShowcasePlace]:
    """Replace the running order: `project_ids` present in that order, the rest do not;
    with `starts_at` and `slot_minutes`, the first slot's start and each slot's length."""
    if len(set(project_ids)) != len(project_ids):
        raise ValidationError("A fellow can only have one place in the running order.")
    projects = Project.objects.filter(cohort=cohort, pk__in=project_ids).in_bulk()
    if len(projects) != len(project_ids):
        raise ValidationError("Only projects of this cohort can present at its showcase.")
    # Lock the cohort so two advisers saving at once cannot interleave.
    Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
    if starts_at is not None and slot_minutes is not None:
        schedule = ShowcaseSchedule.objects.filter(cohort=cohort).first()
        schedule = schedule or ShowcaseSchedule(cohort=cohort)
        schedule.starts_at, schedule.slot_minutes = starts_at, slot_minutes
        schedule.full_clean()
        schedule.save()
    ShowcasePlace.objects.filter(cohort=cohort).delete()
    places = [
        ShowcasePlace(cohort=cohort, project=projects[pk], position=position)
        for position, pk in enumerate(project_ids, start=1)
    ]
    record(Places(cohorts={(cohort.programme_id, cohort.pk)}))
    return ShowcasePlace.objects.bulk_create(places)
