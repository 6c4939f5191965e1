"""The personal data cohorts holds: learning sets, intake interviews and attendance."""

from core.personal_data import Holds

HOLDS = (
    Holds("cohorts.LearningSet", by={"facilitator": {}}),
    Holds("cohorts.LearningSetMember", by={"fellow": {}}),
    Holds("cohorts.IntakeInterview", by={"fellow": {"hopes": ""}, "interviewer": {}}),
    Holds("cohorts.IntakePrefill", by={"fellow": {"hopes": ""}}),
    Holds("cohorts.DevelopmentGoal", by={"interview__fellow": {"text": ""}}),
    Holds("cohorts.Attendance", by={"fellow": {}, "recorded_by": {}}),
)
