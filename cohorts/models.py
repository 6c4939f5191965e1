"""Cohort life: themes, action learning sets and intake interviews."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from fellowship.accounts.models import Cohort, Programme


class Theme(models.Model):
    """A programme's development theme, used to tag goals, projects and expertise."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=100)

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
    name = models.CharField(max_length=100)
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

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="intake_interviews")
    fellow = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intake_interviews"
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
