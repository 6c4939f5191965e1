"""What each write to a cohort's projects, progress and showcase changes."""

from accounts.changes import in_cohort
from core.changes import watch, watch_m2m
from projects.models import (
    Comment,
    CommentReply,
    EvidenceLink,
    ImpactStatement,
    Milestone,
    ProgressEntry,
    ProgressEntryRevision,
    Project,
    ShowcasePlace,
    ShowcaseSchedule,
)


def connect() -> None:
    for model in (Project, ShowcasePlace, ShowcaseSchedule):
        watch(model, in_cohort())
    watch_m2m(Project.themes.through, in_cohort())
    for model in (Milestone, ProgressEntry, ImpactStatement):
        watch(model, in_cohort(Project, "project_id", "cohort"))
    for model in (EvidenceLink, ProgressEntryRevision, Comment):
        watch(model, in_cohort(ProgressEntry, "entry_id", "project__cohort"))
    watch(CommentReply, in_cohort(Comment, "comment_id", "entry__project__cohort"))
