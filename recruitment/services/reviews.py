"""A reviewer's scores: saved as a draft as often as they like, then submitted once."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from recruitment.models import Criterion, Review, ReviewAssignment, Score

ALREADY_SUBMITTED = "You have already submitted this review; it can no longer be changed."


@dataclass(frozen=True)
class Mark:
    """One criterion's score (1 to 5, or None while a draft leaves it blank) and comment."""

    score: int | None
    comment: str = ""


@transaction.atomic
def review_save(
    *, assignment: ReviewAssignment, marks: Mapping[int, Mark], submit: bool = False
) -> Review:
    """Save the reviewer's marks (by criterion id); with `submit`, every criterion must be
    scored and the review is then final."""
    review, _ = Review.objects.select_for_update().get_or_create(assignment=assignment)
    if review.submitted:
        raise ValidationError(ALREADY_SUBMITTED)
    criteria = list(Criterion.objects.filter(round_id=assignment.application.round_id))
    known = {criterion.pk for criterion in criteria}
    if set(marks) - known:
        raise ValidationError("Score only this round's criteria.")
    if submit:
        missing = [c.name for c in criteria if marks.get(c.pk, Mark(None)).score is None]
        if missing:
            raise ValidationError(f"Score every criterion before submitting: {', '.join(missing)}.")
    existing = {score.criterion_id: score for score in review.scores.all()}
    for criterion in criteria:
        mark = marks.get(criterion.pk, Mark(None))
        score = existing.get(criterion.pk)
        if mark.score is None:
            if score is not None:
                score.delete()
            continue
        score = score or Score(review=review, criterion=criterion)
        score.score = mark.score
        score.comment = mark.comment.strip()
        score.full_clean(validate_constraints=False)
        score.save()
    if submit:
        review.status = Review.Status.SUBMITTED
        review.submitted_at = timezone.now()
    review.full_clean(validate_constraints=False)
    review.save()
    return review
