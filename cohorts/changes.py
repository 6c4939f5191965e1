"""What each write to a cohort's timetable, learning sets and interviews changes."""

from accounts.changes import in_cohort, in_programme
from cohorts.models import (
    Attendance,
    DevelopmentGoal,
    IntakeInterview,
    IntakePrefill,
    LearningSet,
    LearningSetMember,
    Session,
    Theme,
)
from core.changes import watch, watch_m2m


def connect() -> None:
    watch(Theme, in_programme())
    for model in (LearningSet, LearningSetMember, IntakeInterview, IntakePrefill, Session):
        watch(model, in_cohort())
    watch(DevelopmentGoal, in_cohort(IntakeInterview, "interview_id", "cohort"))
    watch_m2m(DevelopmentGoal.themes.through, in_cohort(IntakeInterview, "interview_id", "cohort"))
    watch(Attendance, in_cohort(Session, "session_id", "cohort"))
