"""Micro-mentoring: mentor profiles, their slots, fellows' bookings and waitlists.

Bookings (agenda, feedback, ratings) and mentor profiles are PROTECTed from cascades, so
deleting a mentor, a fellow, a cohort or a slot never takes them along. A slot nobody
booked and a waitlist entry hold nobody's writing and still go with their mentor.

Times are stored in UTC. A booking copies its slot's start and end so the
database can refuse two overlapping bookings of one fellow.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from accounts.models import Cohort, Programme
from cohorts.models import Theme
from core.validators import single_line
from mentoring.constraints import NoOverlap

SLOT_TAKEN = "This slot has just been taken. Choose another time."
FELLOW_CLASH = "You already have a mentoring session at that time."
MENTOR_CLASH = "This overlaps another of your slots."


class MentoringRules(models.Model):
    """A programme's mentoring rules; made with the defaults the first time they are read."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="mentoring_rules"
    )
    min_notice_hours = models.PositiveSmallIntegerField(
        "minimum notice before booking (hours)",
        default=24,
        validators=[MaxValueValidator(24 * 14)],
    )
    cancellation_cutoff_hours = models.PositiveSmallIntegerField(
        "fellows can cancel until this many hours before",
        default=12,
        validators=[MaxValueValidator(24 * 14)],
    )
    max_active_bookings = models.PositiveSmallIntegerField(
        "upcoming bookings a fellow may hold at once",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    default_monthly_limit = models.PositiveSmallIntegerField(
        "sessions a mentor gives a month, unless they set their own",
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(40)],
    )
    min_slot_minutes = models.PositiveSmallIntegerField(
        "shortest slot (minutes)",
        default=15,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
    )
    max_slot_minutes = models.PositiveSmallIntegerField(
        "longest slot (minutes)",
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
    )

    class Meta:
        verbose_name_plural = "mentoring rules"
        constraints = [
            models.CheckConstraint(
                condition=Q(min_slot_minutes__lte=F("max_slot_minutes")),
                name="rules_slot_lengths_in_order",
                violation_error_message="The shortest slot must not be longer than the longest.",
            )
        ]

    def __str__(self):
        return f"Mentoring rules for {self.programme}"


class MentorProfile(models.Model):
    """What fellows see about a mentor on one programme, and the mentor's monthly limit."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentor_profiles"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="mentor_profiles"
    )
    expertise = models.ManyToManyField(Theme, blank=True, related_name="mentors")
    organisation = models.CharField(max_length=200, blank=True, validators=[single_line])
    job_title = models.CharField(max_length=200, blank=True, validators=[single_line])
    bio = models.TextField(
        "about you",
        max_length=1500,
        blank=True,
        help_text="A few sentences: your background and what fellows can ask you about.",
    )
    monthly_limit = models.PositiveSmallIntegerField(
        "sessions a month",
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(40)],
        help_text="The most sessions fellows can book with you in one calendar month.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme"], name="one_mentor_profile_per_programme"
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.programme})"


class Slot(models.Model):
    """A time a mentor offers. Removed slots that were ever booked are kept, cancelled."""

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentoring_slots"
    )
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(
        "place",
        max_length=200,
        blank=True,
        help_text="For example a building and room.",
        validators=[single_line],
    )
    online_link = models.URLField(
        "online meeting link", max_length=500, blank=True, help_text="A Teams or Zoom link."
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Slots made together as a weekly pattern share one series, so they go together too.
    series = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="slot_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(location="", online_link=""),
                name="slot_has_place_or_link",
                violation_error_message="Give a place or an online meeting link.",
            ),
            NoOverlap(
                name="slot_no_overlap_per_mentor",
                same="mentor",
                condition=Q(cancelled_at__isnull=True),
                violation_error_message=MENTOR_CLASH,
            ),
        ]
        indexes = [
            models.Index(fields=["mentor", "starts_at"]),
            models.Index(fields=["programme", "starts_at"]),
        ]

    def __str__(self):
        return f"{self.mentor} at {self.starts_at:%Y-%m-%d %H:%M} UTC"

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class Booking(models.Model):
    """A fellow's booking of a slot. At most one active (booked or held) per slot."""

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        CANCELLED = "cancelled", "Cancelled"
        HELD = "held", "Held"
        NO_SHOW = "no_show", "Did not attend"

    ACTIVE = (Status.BOOKED, Status.HELD)

    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="bookings")
    fellow = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentoring_bookings"
    )
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="mentoring_bookings")
    # Copied from the slot so one fellow's overlapping bookings can be a constraint.
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    agenda = models.TextField("what you would like help with", max_length=1500)
    status = models.CharField(max_length=20, choices=Status, default=Status.BOOKED)
    # iCalendar SEQUENCE: goes up each time the invite changes (a cancellation).
    sequence = models.PositiveIntegerField(default=0)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Each email goes to both sides and each copy is claimed on its own, so a copy that
    # fails and is retried never sends the other again. The first of each pair is the
    # fellow's copy, the second the mentor's.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmation_mentor_sent_at = models.DateTimeField(null=True, blank=True)
    cancellation_sent_at = models.DateTimeField(null=True, blank=True)
    cancellation_mentor_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_24h_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_24h_mentor_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_1h_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_1h_mentor_sent_at = models.DateTimeField(null=True, blank=True)
    feedback_requested_at = models.DateTimeField(null=True, blank=True)
    feedback_mentor_requested_at = models.DateTimeField(null=True, blank=True)
    mentor_note = models.TextField("note", max_length=1500, blank=True)
    fellow_rating = models.PositiveSmallIntegerField(
        "rating",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    fellow_takeaway = models.TextField("what you took from it", max_length=1500, blank=True)
    # The mentor sees this session's rating and takeaway only when the fellow says so.
    # db_default too: bulk loaders (seeding.scale) insert rows without this column.
    feedback_shared = models.BooleanField("shared with the mentor", default=False, db_default=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(status__in=["booked", "held"]),
                name="booking_one_active_per_slot",
                violation_error_message=SLOT_TAKEN,
            ),
            NoOverlap(
                name="booking_no_overlap_per_fellow",
                same="fellow",
                condition=Q(status__in=["booked", "held"]),
                violation_error_message=FELLOW_CLASH,
            ),
            models.CheckConstraint(
                condition=Q(fellow_rating__isnull=True)
                | Q(fellow_rating__gte=1, fellow_rating__lte=5),
                name="booking_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="booking_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["fellow", "starts_at"]),
            models.Index(fields=["cohort", "status"]),
            models.Index(fields=["status", "starts_at"]),
        ]

    def __str__(self):
        return f"{self.fellow} with {self.slot.mentor} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class WaitlistEntry(models.Model):
    """A fellow waiting for a mentor whose slots are full. Offered a free slot by email,
    never booked."""

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentoring_waitlist"
    )
    fellow = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentoring_waits"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="mentoring_waitlist"
    )
    created = models.DateTimeField(auto_now_add=True)
    # A freed or new slot is offered in the same transaction that frees or adds it; the
    # email follows from a task, and a sweep sends any offer whose email never left.
    offered_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["created", "pk"]
        verbose_name_plural = "waitlist entries"
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "fellow", "programme"],
                condition=Q(notified_at__isnull=True),
                name="one_waiting_entry_per_mentor",
                violation_error_message="You are already on this mentor's waitlist.",
            )
        ]
        indexes = [models.Index(fields=["mentor", "programme", "created"])]

    def __str__(self):
        return f"{self.fellow} waiting for {self.mentor}"
