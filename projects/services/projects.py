"""Writes to a project: its details, its milestones and its impact statements."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import Cohort, User
from cohorts.models import Theme
from core.db import refused_on_conflict
from projects.models import ImpactStatement, Milestone, Project

PROJECT_FIELDS = (
    "title",
    "summary",
    "problem",
    "intended_outcomes",
    "organisation",
    "sponsor_name",
    "sponsor_role",
    "status",
)


@transaction.atomic
def project_create(
    *,
    cohort: Cohort,
    fellow: User,
    title: str,
    summary: str,
    problem: str = "",
    intended_outcomes: str = "",
    organisation: str = "",
    sponsor_name: str = "",
    sponsor_role: str = "",
    status: str = Project.Status.PLANNING,
    themes: Sequence[Theme] = (),
) -> Project:
    _check_themes(cohort, themes)
    project = Project(
        cohort=cohort,
        fellow=fellow,
        title=title,
        summary=summary,
        problem=problem,
        intended_outcomes=intended_outcomes,
        organisation=organisation,
        sponsor_name=sponsor_name,
        sponsor_role=sponsor_role,
        status=status,
    )
    project.full_clean()
    with refused_on_conflict("You already have a project in this cohort."):
        project.save()
    project.themes.set(themes)
    return project


def _check_themes(cohort: Cohort, themes: Sequence[Theme]) -> None:
    if any(theme.programme_id != cohort.programme_id for theme in themes):
        raise ValidationError({"themes": "Choose themes of your own programme."})


@transaction.atomic
def project_update(
    *, project: Project, themes: Sequence[Theme] | None = None, **changes: str
) -> Project:
    """Change a project's details, and its themes when `themes` is given."""
    unknown = set(changes) - set(PROJECT_FIELDS)
    if unknown:
        raise TypeError(f"Not a project detail: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        setattr(project, name, value)
    project.full_clean()
    project.save(update_fields=[*changes, "updated"])
    if themes is not None:
        _check_themes(project.cohort, themes)
        project.themes.set(themes)
    return project


@transaction.atomic
def milestone_create(
    *,
    project: Project,
    title: str,
    due_on: datetime.date,
    done_on: datetime.date | None = None,
) -> Milestone:
    milestone = Milestone(project=project, title=title, due_on=due_on, done_on=done_on)
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def milestone_update(
    *,
    milestone: Milestone,
    title: str,
    due_on: datetime.date,
    done_on: datetime.date | None = None,
) -> Milestone:
    milestone.title, milestone.due_on, milestone.done_on = title, due_on, done_on
    milestone.full_clean()
    milestone.save(update_fields=["title", "due_on", "done_on"])
    return milestone


def milestone_delete(*, milestone: Milestone) -> None:
    milestone.delete()


def follow_up_is_open(project: Project) -> bool:
    """The follow-up statement is written months after the cohort ends."""
    return project.cohort.status == Cohort.Status.COMPLETED


@transaction.atomic
def impact_statement_save(
    *,
    project: Project,
    kind: str,
    what_changed: str,
    for_whom: str,
    how_measured: str,
    will_it_last: str,
) -> ImpactStatement:
    if kind == ImpactStatement.Kind.FOLLOW_UP and not follow_up_is_open(project):
        raise ValidationError("You can write the follow-up statement once the cohort has ended.")
    # Lock the project so two saves of a first statement cannot both insert one.
    Project.objects.select_for_update().filter(pk=project.pk).first()
    statement = ImpactStatement.objects.filter(project=project, kind=kind).first()
    statement = statement or ImpactStatement(project=project, kind=kind)
    statement.what_changed = what_changed
    statement.for_whom = for_whom
    statement.how_measured = how_measured
    statement.will_it_last = will_it_last
    statement.full_clean()
    statement.save()
    return statement
