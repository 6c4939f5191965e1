"""The adviser's ranking table: every submitted application's weighted mean score, reviews
done, spread and support, worked out in the database a page at a time."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    IntegerField,
    Max,
    Min,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast

from core.db import count_of
from recruitment.models import Application, Review, ReviewAssignment, Round, Score, SupportRequest

# Reviewers who differ by this much on any criterion are flagged for moderation.
SPREAD = 2

SORTS = {
    "score": ("-has_score", "-weighted_mean", "pk"),
    "score_asc": ("-has_score", "weighted_mean", "pk"),
    "reviews": ("-reviews_done", "pk"),
    "reference": ("pk",),
    "spread": ("-flagged", "-has_score", "-weighted_mean", "pk"),
}
SORT_LABELS = {
    "score": "Weighted mean, highest first",
    "score_asc": "Weighted mean, lowest first",
    "reviews": "Reviews done, most first",
    "reference": "Reference",
    "spread": "Flagged first",
}


def _submitted_scores():
    return Score.objects.filter(
        review__status=Review.Status.SUBMITTED,
        review__assignment__application=OuterRef("pk"),
    ).order_by()


def _weighted_mean() -> Cast:
    return Cast(Sum(F("score") * F("criterion__weight")), FloatField()) / Cast(
        Sum("criterion__weight"), FloatField()
    )


def ranking(
    round_: Round,
    *,
    sort: str = "score",
    decision: str | None = None,
    flagged: bool = False,
    support: str | None = None,
) -> QuerySet[Application]:
    """Every submitted application of the round, annotated: `weighted_mean` (the weights are
    the criteria's), `reviews_done`, `assigned`, `flagged` (reviewers differ by SPREAD or
    more on a criterion) and `support_status`."""
    mean = (
        _submitted_scores()
        .values("review__assignment__application")
        .annotate(mean=_weighted_mean())
        .values("mean")
    )
    spread = (
        _submitted_scores()
        .values("criterion")
        .annotate(spread=Max("score") - Min("score"))
        .filter(spread__gte=SPREAD)
    )
    support_status = SupportRequest.objects.filter(application=OuterRef("pk")).values("status")
    applications = (
        Application.objects.filter(round=round_, status=Application.Status.SUBMITTED)
        .select_related("applicant")
        .annotate(
            weighted_mean=Subquery(mean, output_field=FloatField()),
            has_score=Case(
                When(weighted_mean__isnull=True, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            reviews_done=count_of(
                Review.objects.filter(
                    assignment__application=OuterRef("pk"), status=Review.Status.SUBMITTED
                ),
                "assignment__application",
            ),
            assigned=count_of(
                ReviewAssignment.objects.filter(application=OuterRef("pk")), "application"
            ),
            flagged=Exists(spread),
            support_status=Subquery(support_status[:1]),
        )
    )
    if decision is not None:
        applications = applications.filter(decision=decision)
    if flagged:
        applications = applications.filter(flagged=True)
    if support is not None:
        if support == "none":
            applications = applications.filter(support_status__isnull=True)
        else:
            applications = applications.filter(support_status=support)
    return applications.order_by(*SORTS.get(sort, SORTS["score"]))


@dataclass
class ReviewerMean:
    reviewer: str
    mean: float | None
    submitted: bool


def reviewer_means(applications) -> dict[int, list[ReviewerMean]]:
    """Each reviewer's weighted mean for a page of applications, in two queries."""
    ids = [application.pk for application in applications]
    means = (
        Score.objects.filter(review__assignment__application_id__in=ids)
        .order_by()
        .values("review__assignment_id")
        .annotate(mean=_weighted_mean())
        .values_list("review__assignment_id", "mean")
    )
    by_assignment = dict(means)
    found: dict[int, list[ReviewerMean]] = defaultdict(list)
    assignments = (
        ReviewAssignment.objects.filter(application_id__in=ids)
        .select_related("reviewer", "review")
        .order_by("reviewer__name", "pk")
    )
    for assignment in assignments:
        review = getattr(assignment, "review", None)
        submitted = review is not None and review.submitted
        found[assignment.application_id].append(
            ReviewerMean(
                assignment.reviewer.name or assignment.reviewer.email,
                by_assignment.get(assignment.pk) if submitted else None,
                submitted,
            )
        )
    return found


def spread_of(application: Application) -> dict[int, tuple[int, int]]:
    """(lowest, highest) submitted score per criterion id."""
    rows = (
        Score.objects.filter(
            review__assignment__application=application, review__status=Review.Status.SUBMITTED
        )
        .order_by()
        .values("criterion_id")
        .annotate(low=Min("score"), high=Max("score"))
        .values_list("criterion_id", "low", "high")
    )
    return {criterion_id: (low, high) for criterion_id, low, high in rows}
