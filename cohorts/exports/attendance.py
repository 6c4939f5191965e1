"""A session's register and a cohort's attendance summary as CSV tables."""

from django.utils import timezone

from accounts.models import Cohort
from cohorts.models import Attendance, Session
from cohorts.selectors import attendance as selectors

STATUS_LABELS = dict(Attendance.Status.choices)


def _london(instant) -> str:
    return timezone.localtime(instant).strftime("%Y-%m-%d %H:%M") if instant else ""


def register_table(session: Session):
    header = ["Fellow", "Email", "Attendance", "Recorded by", "Recorded at (UK time)"]
    rows = (
        [
            row.user.name,
            row.user.email,
            STATUS_LABELS.get(row.status, "Not recorded"),
            row.recorded_by_name or "",
            _london(row.recorded_at),
        ]
        for row in selectors.register(session).iterator(chunk_size=500)
    )
    return header, rows


def summary_table(cohort: Cohort):
    header = ["Fellow", "Email", "Present", "Apologies", "Absent", "Recorded", "Rate (%)"]

    def rows():
        for row in selectors.fellow_attendance(cohort).iterator(chunk_size=500):
            recorded = row.present + row.apologies + row.absent
            rate = selectors.attendance_rate(row.present, recorded)
            yield [
                row.user.name,
                row.user.email,
                row.present,
                row.apologies,
                row.absent,
                recorded,
                rate,
            ]

    return header, rows()


def sessions_table(cohort: Cohort):
    """Each session that has started, with how many were expected and each status."""
    header = [
        "Session",
        "Starts (UK time)",
        "Type",
        "Learning set",
        "Expected",
        "Present",
        "Apologies",
        "Absent",
    ]
    fellows = selectors.fellow_attendance(cohort).count()
    rows = (
        [
            session.title,
            _london(session.starts_at),
            session.get_kind_display(),
            session.learning_set.name if session.learning_set_id else "",
            session.set_fellows if session.learning_set_id else fellows,
            session.present,
            session.apologies,
            session.absent,
        ]
        for session in selectors.session_attendance(cohort).iterator(chunk_size=500)
    )
    return header, rows
