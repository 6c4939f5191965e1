"""Application rounds, their versioned forms, the forms' questions and the review criteria."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from accounts.models import Cohort, Programme
from core.validators import single_line


class ApplicationForm(models.Model):
    """A version of an application form. Once an application has been submitted on it, it is
    frozen: changing it means copying it to a new version (`parent`), as evaluation
    frameworks do, so every submitted application keeps the questions it answered."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="application_forms"
    )
    name = models.CharField(max_length=200, validators=[single_line])
    version = models.PositiveIntegerField(default=1)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    frozen = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name", "version"], name="application_form_version_unique"
            )
        ]

    def __str__(self):
        return f"{self.name} (version {self.version})"


class Question(models.Model):
    class Kind(models.TextChoices):
        SHORT = "short", "Short text"
        LONG = "long", "Long text"
        SINGLE = "single", "Single choice"
        MULTIPLE = "multiple", "Multiple choice"
        YES_NO = "yes_no", "Yes or no"

    form = models.ForeignKey(ApplicationForm, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.SHORT)
    text = models.CharField(max_length=500, validators=[single_line])
    help_text = models.CharField(max_length=500, blank=True, validators=[single_line])
    required = models.BooleanField(default=True)
    # Long text only: the most words an answer may have.
    word_limit = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5000)]
    )
    # Single and multiple choice: the options, in order.
    choices = models.JSONField(default=list, blank=True)
    # Such as the applicant's name or organisation in a blind round.
    hidden_from_reviewers = models.BooleanField(default=False)

    class Meta:
        ordering = ["form", "order", "pk"]

    def __str__(self):
        return self.text


class Round(models.Model):
    """An application round for a cohort: open from `opens_at` to `closes_at` (stored in UTC,
    set and shown in UK time)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(max_length=200, validators=[single_line])
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    eligibility = models.TextField("eligibility statement")
    places = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    blind = models.BooleanField("blind review", default=True)
    form = models.ForeignKey(ApplicationForm, on_delete=models.PROTECT, related_name="rounds")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="round_closes_after_opening"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def programme(self):
        return self.cohort.programme


class Criterion(models.Model):
    """What reviewers score 1 to 5; the ranking weighs each score by `weight`."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=200, validators=[single_line])
    description = models.CharField(max_length=500, blank=True, validators=[single_line])
    weight = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )

    class Meta:
        ordering = ["round", "order", "pk"]

    def __str__(self):
        return self.name
