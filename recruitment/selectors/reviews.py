"""What a reviewer sees: their assignments, an application as reviewers may read it, and
the other reviewers' scores once their own review is in."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from accounts.roles import roles_of
from core.changes import sum_where
from recruitment.models import (
    Answer,
    Application,
    Criterion,
    Review,
    ReviewAssignment,
    Score,
)


def reviewer_stamp(user) -> str:
    """One query: the stamp (core.changes) of every round the person reviews in."""
    applications, assignments = Application._meta.db_table, ReviewAssignment._meta.db_table
    rounds = (
        f"SELECT a.round_id FROM {applications} a JOIN {assignments} r"
        " ON r.application_id = a.id WHERE r.reviewer_id = %s"
    )
    return f"reviewer.{sum_where(f'round_id IN ({rounds})', [user.pk])}"


def assignments_of(user) -> QuerySet[ReviewAssignment]:
    """The person's assignments in cohorts where they are still a reviewer: still to do
    first, then done; oldest round first."""
    submitted = Review.objects.filter(assignment=OuterRef("pk"), status=Review.Status.SUBMITTED)
    return (
        ReviewAssignment.objects.filter(
            reviewer=user,
            application__round__cohort_id__in=roles_of(user).reviewer_cohorts,
            application__status=Application.Status.SUBMITTED,
        )
        .select_related("application__round", "application__applicant", "review")
        .annotate(done=Exists(submitted))
        .order_by("done", "application__round__closes_at", "application_id")
    )


def to_do_count(user) -> int:
    return assignments_of(user).filter(done=False).count()


@dataclass
class ReviewerAnswer:
    question: str
    text: str


def answers_for_reviewer(application: Application) -> list[ReviewerAnswer]:
    """The application's answers a reviewer may read: never a question hidden from
    reviewers, in the form's order."""
    answers = (
        Answer.objects.filter(application=application, question__hidden_from_reviewers=False)
        .select_related("question")
        .order_by("question__order", "question__pk")
    )
    return [
        ReviewerAnswer(answer.question.text, answer.text or ", ".join(map(str, answer.chosen)))
        for answer in answers
    ]


def criteria_of(application: Application) -> list[Criterion]:
    return list(Criterion.objects.filter(round_id=application.round_id))


def scores_of(review: Review | None) -> dict[int, Score]:
    if review is None or review.pk is None:
        return {}
    return {score.criterion_id: score for score in review.scores.all()}


def other_reviews(assignment: ReviewAssignment) -> list[Review]:
    """The other reviewers' submitted reviews with their scores: only for a reviewer whose
    own review of the application is submitted."""
    own = getattr(assignment, "review", None)
    if own is None or not own.submitted:
        return []
    return list(
        Review.objects.filter(
            assignment__application_id=assignment.application_id,
            status=Review.Status.SUBMITTED,
        )
        .exclude(assignment=assignment)
        .select_related("assignment__reviewer")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
        .order_by("assignment__reviewer__name", "pk")
    )
