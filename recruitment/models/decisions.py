"""Every decision on an application, kept for the record: Application holds only the
latest, this history keeps each one with who made it, when and why."""

from django.conf import settings
from django.db import models

from recruitment.models.applications import Application

APPEND_ONLY = "A decision on record is never changed or deleted; record a new one."


class DecisionRecord(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="decision_records"
    )
    decision = models.CharField(max_length=20, choices=Application.Decision)
    reason = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["application", "decided_at", "pk"]
        indexes = [models.Index(fields=["application", "decided_at"])]

    def __str__(self):
        return f"{self.get_decision_display()} on {self.application}"

    # Append-only from the app's side; only erasure (a queryset update) blanks a reason.
    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError(APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(APPEND_ONLY)
