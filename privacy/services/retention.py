"""Retention: a programme keeps people's data for its `retention_years` after their last
cohort ends. Advisers are told 30 days before; then the person is anonymised."""

import datetime

from django.db import transaction

from accounts.models import Programme
from core.mail import enqueue
from privacy.models import RetentionNotice
from privacy.selectors import retention_due
from privacy.services.erasure import erasure_now


@transaction.atomic
def retention_years_set(*, programme: Programme, years: int) -> Programme:
    programme.retention_years = years
    programme.full_clean()
    programme.save(update_fields=["retention_years"])
    return programme


def retention_apply(*, today: datetime.date) -> tuple[int, int]:
    """Anonymise everyone overdue and warn the advisers of those due within 30 days.
    Returns (anonymised, newly warned). Safe to run twice a day."""
    erased = warned = 0
    told: set[int] = set()
    for due in retention_due(today=today):
        if due.is_overdue(today):
            with transaction.atomic():
                erasure_now(person=due.person, by=None, reason="retention")
            erased += 1
            continue
        for programme_id in due.programme_ids:
            _, made = RetentionNotice.objects.get_or_create(
                person=due.person, programme_id=programme_id, due_on=due.due_on
            )
            if made:
                warned += 1
                told.add(programme_id)
    for programme_id in sorted(told):
        enqueue("privacy.tasks.send_retention_notice", programme_id)
    return erased, warned
