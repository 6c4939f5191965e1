"""Cohort life: themes, action learning sets, the timetable, attendance and intake interviews.

Intake interviews and attendance are what people wrote or recorded: their foreign keys
PROTECT them, so deleting a fellow, a cohort or a session never takes them along.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.models import Cohort, Programme
from core.validators import single_line


class Theme(models.Model):
    """A programme's development theme, used to tag goals, projects and expertise."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=100, validators=[single_line])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="theme_name_unique")
        ]

    def __str__(self):
        return self.name


class LearningSet(models.Model):
    """A small action learning set of 4 to 8 fellows with a facilitator."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="learning_sets")
    name = models.CharField(max_length=100, validators=[single_line])
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilitated_sets",
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "name"], name="learning_set_name_unique")
        ]

    def __str__(self):
        return self.name


class LearningSetMember(models.Model):
    """A fellow in a set. `cohort` is repeated so one set per cohort is a constraint."""

    learning_set = models.ForeignKey(LearningSet, on_delete=models.CASCADE, related_name="members")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="+")
    fellow = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_set_places"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cohort", "fellow"], name="one_learning_set_per_cohort")
        ]

    def __str__(self):
        return f"{self.fellow} in {self.learning_set}"


class IntakeInterview(models.Model):
    """An adviser's conversation with a fellow before the programme starts."""

    class Motivation(models.TextChoices):
        OWN_ACCORD = "own_accord", "Applied of their own accord"
        SENT = "sent", "Was sent by their organisation"

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="intake_interviews")
    fellow = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="intake_interviews"
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    held_on = models.DateField()
    hopes = models.TextField("what the fellow hopes to achieve")
    motivation = models.CharField(max_length=20, choices=Motivation)
    starting_skilled = models.PositiveSmallIntegerField()
    starting_connected = models.PositiveSmallIntegerField()
    starting_inspired = models.PositiveSmallIntegerField()
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cohort", "fellow"], name="one_interview_per_fellow"),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{field}__gte": 1, f"{field}__lte": 5}),
                    name=f"interview_{field}_1_to_5",
                )
                for field in ("starting_skilled", "starting_connected", "starting_inspired")
            ],
        ]

    def __str__(self):
        return f"Intake interview with {self.fellow}"


class IntakePrefill(models.Model):
    """What a fellow wrote when applying, offered as the starting text of their intake
    interview's hopes (recruitment writes it when an offer is accepted)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="intake_prefills")
    fellow = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="intake_prefills"
    )
    hopes = models.TextField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cohort", "fellow"], name="one_prefill_per_fellow")
        ]

    def __str__(self):
        return f"Intake prefill for {self.fellow}"


class DevelopmentGoal(models.Model):
    """A goal agreed at intake; its themes roll up to what the cohort wants."""

    interview = models.ForeignKey(IntakeInterview, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(max_length=300)
    themes = models.ManyToManyField(Theme, blank=True, related_name="goals")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text


class Session(models.Model):
    """A date in a cohort's timetable. Learning-set meetings belong to one set."""

    class Kind(models.TextChoices):
        TEACHING_DAY = "teaching_day", "Teaching day"
        WORKSHOP = "workshop", "Workshop"
        LEARNING_SET_MEETING = "learning_set_meeting", "Learning set meeting"
        SHOWCASE = "showcase", "Showcase"
        OTHER = "other", "Other"

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(max_length=30, choices=Kind)
    title = models.CharField(max_length=200, validators=[single_line])
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True, validators=[single_line])
    online_link = models.URLField("online link", max_length=500, blank=True)
    description = models.TextField(blank=True)
    # A set with meetings is not deleted on its own; deleting the cohort takes both (RESTRICT).
    # Attendance taken at a meeting protects the meeting itself.
    learning_set = models.ForeignKey(
        LearningSet, on_delete=models.RESTRICT, null=True, blank=True, related_name="meetings"
    )
    # Calendar apps replace an event only when its SEQUENCE goes up.
    sequence = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["cohort", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="learning_set_meeting", learning_set__isnull=False)
                    | (~Q(kind="learning_set_meeting") & Q(learning_set__isnull=True))
                ),
                name="session_learning_set_iff_meeting",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if (
            self.learning_set_id
            and self.cohort_id
            and self.learning_set.cohort_id != self.cohort_id
        ):
            raise ValidationError({"learning_set": "That learning set is in another cohort."})


class Attendance(models.Model):
    """Whether a fellow came to a session."""

    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="attendance")
    fellow = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attendance_records"
    )
    status = models.CharField(max_length=20, choices=Status)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "fellow"], name="one_attendance_per_fellow")
        ]

    def __str__(self):
        return f"{self.fellow} at {self.session}: {self.get_status_display()}"
