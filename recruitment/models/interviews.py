"""Interview slots the advisers publish, the shortlisted applicants' bookings, and the
panel's scores and notes."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from core.validators import single_line
from recruitment.models.applications import Application
from recruitment.models.rounds import Round

SLOT_TAKEN = "This interview slot has just been taken. Choose another time."
ALREADY_BOOKED = "You have already booked an interview."


class InterviewSlot(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="interview_slots")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.CharField(max_length=200, validators=[single_line])
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="interview_slot_ends_after_start"
            )
        ]

    def __str__(self):
        return f"Interview slot {self.pk}"


class InterviewInvitation(models.Model):
    """The email asking a shortlisted applicant to book an interview: the applicant hears
    they are shortlisted from it, and from then on sees their interview on their application."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="interview_invitation"
    )
    created = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Interview invitation {self.pk}"


class InterviewBooking(models.Model):
    """One applicant in one slot: both one-to-one, so the database refuses a slot booked
    twice or an applicant booked twice, whoever commits second."""

    slot = models.OneToOneField(
        InterviewSlot,
        on_delete=models.PROTECT,
        related_name="booking",
        error_messages={"unique": SLOT_TAKEN},
    )
    application = models.OneToOneField(
        Application,
        on_delete=models.PROTECT,
        related_name="interview",
        error_messages={"unique": ALREADY_BOOKED},
    )
    booked_at = models.DateTimeField(auto_now_add=True)
    invite_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Interview booking {self.pk}"


class InterviewScore(models.Model):
    """A panel member's score (1 to 5) and notes on an applicant's interview."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="interview_scores"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    notes = models.TextField(blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["application", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "by"], name="one_panel_score_each"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="panel_score_1_to_5"
            ),
        ]

    def __str__(self):
        return f"Interview score {self.pk}"


class InterviewChange(models.Model):
    """An applicant's cancelled or moved booking: the old time kept for the advisers' email
    and the calendar CANCEL, each sent once from this row."""

    class Kind(models.TextChoices):
        CANCELLED = "cancelled", "Cancelled"
        MOVED = "moved", "Moved"

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="interview_changes"
    )
    kind = models.CharField(max_length=10, choices=Kind)
    # The cancelled booking's id: its calendar event's UID.
    old_booking_id = models.PositiveIntegerField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.CharField(max_length=200)
    new_slot = models.ForeignKey(
        InterviewSlot, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    advisers_told_at = models.DateTimeField(null=True, blank=True)
    cancel_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self):
        return f"Interview change {self.pk}"
