"""Attendance: who is expected at a session, and counts per status aggregated in the database."""

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.models import Cohort, Membership
from cohorts.models import Attendance, LearningSet, LearningSetMember, Session
from cohorts.selectors.cohorts import cohort_fellows
from cohorts.selectors.learning_sets import _active_members_count

# Fellows attending fewer than this share (%) of recorded sessions are flagged.
ATTENDANCE_FLAG = 75


def expected_fellows(session: Session) -> QuerySet[Membership]:
    """Fellows expected at a session: the cohort's, or the set's for its meetings."""
    fellows = Membership.objects.active_fellows(session.cohort_id).select_related("user")
    if session.learning_set_id:
        members = LearningSetMember.objects.filter(learning_set_id=session.learning_set_id)
        fellows = fellows.filter(user_id__in=members.values("fellow_id"))
    return fellows.order_by("user__name", "pk")


def attendance_at(session: Session) -> dict[int, str]:
    return dict(session.attendance.values_list("fellow_id", "status"))


def register(session: Session) -> QuerySet[Membership]:
    """The expected fellows, each with their record at the session (`status`,
    `recorded_at`, `recorded_by_name`; None when not taken), in one query."""
    record = Attendance.objects.filter(session=session, fellow_id=OuterRef("user_id"))
    return expected_fellows(session).annotate(
        status=Subquery(record.values("status")[:1]),
        recorded_at=Subquery(record.values("recorded_at")[:1]),
        recorded_by_name=Subquery(record.values("recorded_by__name")[:1]),
    )


def attendance_rate(present: int, recorded: int) -> int | None:
    """The share (%) of recorded sessions a fellow was present at; None with no record."""
    return round(100 * present / recorded) if recorded else None


def _status_counts(prefix: str, extra: Q | None = None) -> dict:
    return {
        status: Count(prefix, filter=(extra or Q()) & Q(**{f"{prefix}__status": status}))
        for status in Attendance.Status.values
    }


def fellow_attendance(cohort: Cohort) -> QuerySet[Membership]:
    """Each active fellow with counts of `present`, `apologies` and `absent` at the
    cohort's sessions. Evaluation reads this for sessions attended."""
    in_cohort = Q(user__attendance_records__session__cohort=cohort)
    return (
        Membership.objects.active_fellows(cohort)
        .select_related("user")
        .annotate(**_status_counts("user__attendance_records", in_cohort))
        .order_by("user__name", "pk")
    )


def session_attendance(cohort: Cohort) -> QuerySet[Session]:
    """Sessions that have started, with counts per status and, for meetings, how many
    active fellows the set has (`set_fellows`)."""
    return (
        Session.objects.filter(cohort=cohort, starts_at__lte=timezone.now())
        .select_related("learning_set")
        .annotate(
            **_status_counts("attendance"),
            set_fellows=_active_members_count(OuterRef("learning_set_id")),
        )
        .order_by("starts_at", "pk")
    )


# Shown on a set's page, but kept with attendance: this module reads set sizes from
# `learning_sets`, so `learning_sets` must not import it back.
def learning_set_members(learning_set: LearningSet) -> QuerySet[Membership]:
    """The set's active fellows with their attendance at its meetings."""
    at_meetings = Q(user__attendance_records__session__learning_set=learning_set)
    return (
        cohort_fellows(learning_set.cohort)
        .filter(set_id=learning_set.pk)
        .annotate(**_status_counts("user__attendance_records", at_meetings))
    )
