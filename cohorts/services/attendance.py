"""Taking attendance at a session."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit import services as audit
from audit.models import Action
from cohorts.models import Attendance, Session
from core.changes import Places, record

NOT_STARTED = "Attendance can be taken once the session has started"


def attendance_record(*, session: Session, recorded_by: User, statuses: Mapping[int, str]) -> int:
    """Save the status of every fellow given, in one statement. Returns how many."""
    now = timezone.now()
    if session.starts_at > now:
        raise ValidationError(NOT_STARTED)
    rows = []
    for fellow_id, status in statuses.items():
        row = Attendance(
            session=session,
            fellow_id=fellow_id,
            status=status,
            recorded_by=recorded_by,
            recorded_at=now,
        )
        # Checks the status; the fellows were checked by the form, the pair by the upsert.
        row.full_clean(
            exclude=["session", "fellow", "recorded_by"],
            validate_unique=False,
            validate_constraints=False,
        )
        rows.append(row)
    with transaction.atomic():
        before = {
            row.fellow_id: row
            for row in Attendance.objects.filter(session=session, fellow_id__in=list(statuses))
        }
        Attendance.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["session", "fellow"],
            update_fields=["status", "recorded_by", "recorded_at"],
        )
        record(Places(cohorts={(session.cohort.programme_id, session.cohort_id)}))
        # The upsert sends no signal: the trail is written here, from the rows as they were.
        for action, pairs in (
            (Action.CREATE, [(None, row) for row in rows if row.fellow_id not in before]),
            (
                Action.UPDATE,
                [(before[row.fellow_id], row) for row in rows if row.fellow_id in before],
            ),
        ):
            audit.changes_record(action=action, pairs=pairs)
    return len(rows)
