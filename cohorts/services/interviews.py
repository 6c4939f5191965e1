"""Intake interviews with their agreed goals, and the programme's themes."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import Cohort, Membership, Programme, User
from cohorts.models import DevelopmentGoal, IntakeInterview, IntakePrefill, Theme


@dataclass(frozen=True)
class GoalInput:
    text: str
    themes: Sequence[Theme] = ()


@transaction.atomic
def interview_save(
    *,
    cohort: Cohort,
    fellow: User,
    interviewer: User | None,
    held_on: date,
    hopes: str,
    motivation: str,
    starting_skilled: int,
    starting_connected: int,
    starting_inspired: int,
    goals: Sequence[GoalInput],
) -> IntakeInterview:
    """Record a fellow's intake interview, or replace it, with its agreed goals."""
    fellows = Membership.objects.active_fellows(cohort)
    if not fellows.filter(user=fellow).exists():
        raise ValidationError("Only fellows of the cohort are interviewed.")
    for goal in goals:
        if any(theme.programme_id != cohort.programme_id for theme in goal.themes):
            raise ValidationError("Goals are tagged with the programme's own themes.")
    interview = IntakeInterview.objects.filter(cohort=cohort, fellow=fellow).first()
    interview = interview or IntakeInterview(cohort=cohort, fellow=fellow)
    interview.interviewer = interviewer
    interview.held_on = held_on
    interview.hopes = hopes.strip()
    interview.motivation = motivation
    interview.starting_skilled = starting_skilled
    interview.starting_connected = starting_connected
    interview.starting_inspired = starting_inspired
    interview.full_clean()
    interview.save()
    interview.goals.all().delete()
    for position, goal in enumerate(goals):
        made = DevelopmentGoal(interview=interview, text=goal.text.strip(), position=position)
        made.full_clean()
        made.save()
        made.themes.set(goal.themes)
    return interview


def intake_prefill_save(*, cohort: Cohort, fellow: User, hopes: str) -> IntakePrefill:
    """Keep what a new fellow wrote when applying, for the adviser's intake interview form."""
    prefill, _ = IntakePrefill.objects.update_or_create(
        cohort=cohort, fellow=fellow, defaults={"hopes": hopes.strip()}
    )
    return prefill


def theme_create(*, programme: Programme, name: str) -> Theme:
    theme = Theme(programme=programme, name=name.strip())
    theme.full_clean()
    theme.save()
    return theme


def theme_rename(*, theme: Theme, name: str) -> Theme:
    theme.name = name.strip()
    theme.full_clean()
    theme.save(update_fields=["name"])
    return theme
