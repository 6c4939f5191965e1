"""Copies of a person's data they asked for, erasures asked for and done, and warnings
sent before retention anonymises someone."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from accounts.models import Programme


class Export(models.Model):
    """A person's request for everything Pioneer holds about them, and the ZIP made."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="privacy_exports"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    # The name in the `privacy_exports` storage; empty until the file is made.
    file = models.CharField(max_length=300, blank=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self):
        return f"Copy of {self.person}'s data asked for {self.requested_at:%Y-%m-%d}"


class Erasure(models.Model):
    """A person's erasure: asked for by an adviser and confirmed by another adviser of
    the same programme, or done at once by a superuser (`programme` empty)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="erasures"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, null=True, blank=True, related_name="erasures"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    # Why it happened: asked for by the person or their programme, or retention.
    reason = models.CharField(max_length=20, default="request")
    label = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # One erasure waiting per person at a time.
            models.UniqueConstraint(
                fields=["person"], condition=Q(done_at__isnull=True), name="one_open_erasure"
            ),
        ]

    def __str__(self):
        return f"Erasure of person {self.person_id}"


class RetentionNotice(models.Model):
    """A programme's advisers told that a person's data is due to be anonymised."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "programme", "due_on"], name="one_retention_notice"
            ),
        ]

    def __str__(self):
        return f"Person {self.person_id} due {self.due_on}"
