"""Offers of a place, the round's editable email templates, and the emails to applicants
who were not offered one."""

from django.db import models

from core.validators import single_line
from recruitment.models.applications import Application
from recruitment.models.rounds import Round


class EmailTemplate(models.Model):
    """A round's wording of its offer email or its unsuccessful email. The placeholders
    ({name}, {cohort}, {programme}, {respond_by}) are filled in for each applicant."""

    class Kind(models.TextChoices):
        OFFER = "offer", "Offer of a place"
        UNSUCCESSFUL = "unsuccessful", "Not offered a place"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="email_templates")
    kind = models.CharField(max_length=20, choices=Kind)
    subject = models.CharField(max_length=200, validators=[single_line])
    body = models.TextField(max_length=5000)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "kind"], name="one_email_template_per_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} email for {self.round}"


class Offer(models.Model):
    """A place offered to an applicant, answered by a single-use link before `respond_by`."""

    class Status(models.TextChoices):
        SENT = "sent", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        LAPSED = "lapsed", "Lapsed (no answer in time)"

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="offer")
    status = models.CharField(max_length=10, choices=Status, default=Status.SENT)
    respond_by = models.DateTimeField()
    # Only the hash is kept: the link itself is in the applicant's email alone.
    token_hash = models.CharField(max_length=64, unique=True)
    # The email as written for this applicant, kept for the record.
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    # When a decline or a lapse freed the place: the advisers' email, and the applicant's
    # that their offer lapsed (each claimed once).
    advisers_told_at = models.DateTimeField(null=True, blank=True)
    lapse_told_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self):
        return f"Offer {self.pk}"


class UnsuccessfulEmail(models.Model):
    """The email telling an applicant they were not offered a place, with the feedback an
    adviser chose to include."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="unsuccessful_email"
    )
    feedback = models.TextField(blank=True, max_length=3000)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Unsuccessful email {self.pk}"
