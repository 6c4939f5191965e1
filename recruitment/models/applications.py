"""Applications, their answers, the line manager's support and equality monitoring."""

from django.conf import settings
from django.db import models

from core.validators import single_line
from recruitment.models.rounds import Question, Round


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"

    class Decision(models.TextChoices):
        # Blank until the adviser decides; each decision keeps its reason for the record.
        NONE = "", "Not decided"
        SHORTLISTED = "shortlisted", "Shortlisted for interview"
        OFFERED = "offered", "Offered a place"
        WAITING_LIST = "waiting_list", "Waiting list"
        DECLINED = "declined", "Not offered a place"

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications"
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=20, choices=Decision, default="", blank=True)
    decision_reason = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "applicant"], name="one_application_per_round")
        ]

    def __str__(self):
        return f"Application {self.pk}"

    @property
    def reference(self) -> str:
        """How reviewers of a blind round and lists refer to it: no name."""
        return f"A-{self.pk:05d}"


class Answer(models.Model):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    # Text questions and yes/no ("yes"/"no") keep `text`; choice questions keep `chosen`.
    text = models.TextField(blank=True)
    chosen = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self):
        return f"Answer to question {self.question_id}"


class SupportRequest(models.Model):
    """The line manager's confirmation of support and protected time, by a single-use link."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        CONFIRMED = "confirmed", "Support confirmed"
        DECLINED = "declined", "Support declined"

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="support"
    )
    manager_name = models.CharField(max_length=150, blank=True, validators=[single_line])
    manager_email = models.EmailField()
    # Only the hash is kept: the link itself is in the manager's email alone.
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.WAITING)
    protected_time = models.BooleanField(default=False)
    statement = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Support for application {self.application_id}"


class EqualityResponse(models.Model):
    """Equality monitoring, kept apart from the answers: never shown per person, only counted
    per stage. Every field is optional and offers "prefer not to say"."""

    PREFER_NOT = "prefer_not_to_say"

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="equality"
    )
    ethnicity = models.CharField(max_length=50, blank=True)
    sex = models.CharField(max_length=50, blank=True)
    gender_identity = models.CharField(max_length=50, blank=True)
    disability = models.CharField(max_length=50, blank=True)
    age_band = models.CharField(max_length=50, blank=True)
    profession = models.CharField(max_length=50, blank=True)
    region = models.CharField("NHS region", max_length=50, blank=True)

    def __str__(self):
        return f"Equality monitoring {self.pk}"
