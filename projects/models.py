"""Fellows' digital-transformation projects."""

from django.conf import settings
from django.db import models

from cohorts.models import Theme
from fellowship.accounts.models import Cohort


class Project(models.Model):
    """The project a fellow leads through the fellowship: one per fellow per cohort."""

    class Status(models.TextChoices):
        PLANNING = "planning", "Planning"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        PAUSED = "paused", "Paused"

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="projects")
    fellow = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="projects"
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="A short summary other fellows and mentors can read.")
    problem = models.TextField(blank=True)
    intended_outcomes = models.TextField(blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    sponsor_name = models.CharField(max_length=150, blank=True)
    sponsor_role = models.CharField(max_length=150, blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.PLANNING)
    themes = models.ManyToManyField(Theme, blank=True, related_name="projects")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "fellow"], name="one_project_per_fellow")
        ]

    def __str__(self):
        return self.title
