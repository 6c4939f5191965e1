"""Fellows' digital-transformation projects: milestones, the progress log, advisers'
comments, impact statements and the showcase running order.

A project, its progress entries, their comments and its impact statements are PROTECTed
from cascades: deleting a fellow, a cohort, a project or an entry never takes them along.
Milestones, evidence links and revisions are parts of their project or entry and go with it.
"""

from datetime import timedelta
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.models import Cohort
from cohorts.models import Theme
from core.validators import single_line

# The author may change a progress entry for this long after writing it.
EDIT_WINDOW = timedelta(days=7)
# A showcase slot is at least this long and at most this long, in minutes.
SLOT_MINUTES = (5, 120)
# Only web links count as evidence: no javascript:, file: or mailto:.
http_url = URLValidator(schemes=["http", "https"], message="Enter a link that starts with https://")


class Rag(models.TextChoices):
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"


class Project(models.Model):
    """The project a fellow leads through the fellowship: one per fellow per cohort."""

    class Status(models.TextChoices):
        PLANNING = "planning", "Planning"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        PAUSED = "paused", "Paused"

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="projects")
    fellow = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="projects"
    )
    title = models.CharField(max_length=200, validators=[single_line])
    summary = models.TextField(help_text="A short summary other fellows and mentors can read.")
    problem = models.TextField(blank=True)
    intended_outcomes = models.TextField(blank=True)
    organisation = models.CharField(max_length=200, blank=True, validators=[single_line])
    sponsor_name = models.CharField(max_length=150, blank=True, validators=[single_line])
    sponsor_role = models.CharField(max_length=150, blank=True, validators=[single_line])
    status = models.CharField(max_length=20, choices=Status, default=Status.PLANNING)
    themes = models.ManyToManyField(Theme, blank=True, related_name="projects")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    # When the fellow was last reminded to log progress; claimed by a conditional update.
    last_nudged_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "fellow"], name="one_project_per_fellow")
        ]

    def __str__(self):
        return self.title


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200, validators=[single_line])
    due_on = models.DateField("due date")
    done_on = models.DateField("date done", null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["project", "due_on"])]

    def __str__(self):
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()


class ProgressEntry(models.Model):
    """What happened on a project, with its red-amber-green status."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="entries")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    happened_on = models.DateField("date")
    what_happened = models.TextField()
    rag = models.CharField("RAG status", max_length=5, choices=Rag)
    blockers = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    # Not auto_now_add: the edit window counts from here, and demo data sets it.
    created = models.DateTimeField(default=timezone.now, editable=False)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-happened_on", "-created", "-pk"]
        verbose_name_plural = "progress entries"
        indexes = [
            models.Index(
                fields=["project", "-happened_on", "-created", "-id"], name="entry_latest_first"
            )
        ]

    def __str__(self):
        return f"{self.project} – {self.happened_on:%d %b %Y}"

    @property
    def editable_until(self):
        return self.created + EDIT_WINDOW

    def is_editable(self, now=None) -> bool:
        return (now or timezone.now()) < self.editable_until


class Evidence(NamedTuple):
    """A link to evidence as the forms read it and the services store it."""

    url: str
    label: str = ""


class EvidenceLink(models.Model):
    entry = models.ForeignKey(
        ProgressEntry, on_delete=models.CASCADE, related_name="evidence_links"
    )
    url = models.URLField("link", max_length=500, validators=[http_url])
    label = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="evidence_link_is_http",
            )
        ]

    def __str__(self):
        return self.label or self.url


class ProgressEntryRevision(models.Model):
    """The values an entry had before one edit: who changed it, when, and what it said."""

    entry = models.ForeignKey(ProgressEntry, on_delete=models.CASCADE, related_name="revisions")
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    edited_at = models.DateTimeField(default=timezone.now)
    happened_on = models.DateField("date")
    what_happened = models.TextField()
    rag = models.CharField("RAG status", max_length=5, choices=Rag)
    blockers = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    evidence = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-edited_at", "-pk"]

    def __str__(self):
        return f"{self.entry} as it was before {self.edited_at:%d %b %Y %H:%M}"


class Comment(models.Model):
    """An adviser's comment on a progress entry, for the fellow."""

    entry = models.ForeignKey(ProgressEntry, on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="project_comments",
    )
    body = models.TextField("comment")
    created = models.DateTimeField(default=timezone.now, editable=False)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created", "pk"]
        indexes = [
            models.Index(fields=["entry", "created"]),
            models.Index(
                fields=["entry"], condition=Q(read_at__isnull=True), name="comment_unread"
            ),
        ]

    def __str__(self):
        return f"Comment by {self.author} on {self.entry}"

    @property
    def project(self) -> "Project":
        """So the project rules apply to a comment (load it with `entry__project__cohort`)."""
        return self.entry.project


class CommentReply(models.Model):
    """A reply in the thread under an adviser's comment: by the entry's fellow, or by an
    adviser answering them. Read and emailed flags belong to whoever it is written for."""

    comment = models.ForeignKey(Comment, on_delete=models.PROTECT, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField("reply")
    created = models.DateTimeField(default=timezone.now, editable=False)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name_plural = "comment replies"
        indexes = [
            models.Index(fields=["comment", "created"]),
            models.Index(
                fields=["comment"], condition=Q(read_at__isnull=True), name="reply_unread"
            ),
        ]

    def __str__(self):
        return f"Reply by {self.author} to {self.comment}"


class ImpactStatement(models.Model):
    """What the project changed: written for the showcase and again at follow-up."""

    class Kind(models.TextChoices):
        SHOWCASE = "showcase", "Showcase"
        FOLLOW_UP = "follow_up", "Follow-up"

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="impact_statements")
    kind = models.CharField(max_length=20, choices=Kind)
    what_changed = models.TextField("what changed")
    for_whom = models.TextField("for whom")
    how_measured = models.TextField("how it was measured")
    will_it_last = models.TextField("whether it will last")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-kind"]  # showcase before follow-up
        constraints = [
            models.UniqueConstraint(
                fields=["project", "kind"], name="one_impact_statement_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} impact of {self.project}"


class ShowcasePlace(models.Model):
    """A presenting fellow's place in the running order of their cohort's showcase."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="showcase_places")
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="showcase_place")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["cohort", "position"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "position"], name="one_fellow_per_place"),
            models.CheckConstraint(condition=Q(position__gte=1), name="showcase_position_from_1"),
        ]

    def __str__(self):
        return f"{self.position}. {self.project}"

    def clean(self):
        if self.project_id and self.cohort_id and self.project.cohort_id != self.cohort_id:
            raise ValidationError("Only projects of this cohort can present at its showcase.")


class ShowcaseSchedule(models.Model):
    """When the running order starts and how long each presenting fellow has."""

    cohort = models.OneToOneField(
        Cohort, on_delete=models.CASCADE, related_name="showcase_schedule"
    )
    starts_at = models.TimeField("start time")
    slot_minutes = models.PositiveSmallIntegerField("slot length in minutes")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=SLOT_MINUTES[0], slot_minutes__lte=SLOT_MINUTES[1]),
                name="showcase_slot_5_to_120_minutes",
            )
        ]

    def __str__(self):
        return (
            f"{self.cohort} showcase from {self.starts_at:%H:%M}, {self.slot_minutes} minutes each"
        )
