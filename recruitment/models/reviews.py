"""Panel review: who reviews which application, the conflicts reviewers declare, and each
reviewer's scores against the round's criteria."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from core.validators import single_line
from recruitment.models.applications import Application
from recruitment.models.rounds import Criterion


class ReviewAssignment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_assignment_per_reviewer"
            )
        ]

    def __str__(self):
        return f"{self.reviewer} reviews {self.application}"


class ConflictDeclaration(models.Model):
    """A reviewer's conflict of interest: with one application, or with everyone from an
    organisation. Suggested assignments avoid both."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="conflicts"
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conflicts",
    )
    organisation = models.CharField(max_length=200, blank=True, validators=[single_line])
    reason = models.TextField()
    created = models.DateTimeField(auto_now_add=True)
    # When the programme's advisers were told nobody else was free to take the application.
    advisers_told_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(application__isnull=False, organisation="")
                    | Q(application__isnull=True) & ~Q(organisation="")
                ),
                name="conflict_with_application_or_organisation",
            ),
            models.UniqueConstraint(
                fields=["reviewer", "application"],
                condition=Q(application__isnull=False),
                name="one_conflict_per_application",
            ),
        ]

    def __str__(self):
        return f"Conflict of {self.reviewer}"


class Review(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"

    assignment = models.OneToOneField(
        ReviewAssignment, on_delete=models.PROTECT, related_name="review"
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="submitted_review_has_time",
            )
        ]

    def __str__(self):
        return f"Review {self.pk}"

    @property
    def submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["review", "criterion__order", "criterion__pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="score_from_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"
