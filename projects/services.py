"""Every write a person can cause on projects, progress entries, comments and impact."""

import datetime
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import dateformat, timezone

from accounts.models import Cohort, User
from cohorts.models import Theme
from core.db import refused_on_conflict
from core.mail import enqueue
from projects.models import (
    Comment,
    Evidence,
    EvidenceLink,
    ImpactStatement,
    Milestone,
    ProgressEntry,
    ProgressEntryRevision,
    Project,
    ShowcasePlace,
)
from projects.selectors import NUDGE_DAYS


class EntryLocked(Exception):
    """The edit window of a progress entry has closed."""


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
ENTRY_FIELDS = ("happened_on", "what_happened", "rag", "blockers", "next_steps")


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


def _check_date(happened_on: datetime.date) -> None:
    if happened_on > timezone.localdate():
        raise ValidationError({"happened_on": "The date cannot be in the future"})


def _store_evidence(entry: ProgressEntry, evidence: Sequence[Evidence]) -> None:
    links = [
        EvidenceLink(entry=entry, url=item.url, label=item.label, position=position)
        for position, item in enumerate(evidence)
    ]
    for link in links:
        link.full_clean()
    EvidenceLink.objects.bulk_create(links)


@transaction.atomic
def progress_entry_create(
    *,
    project: Project,
    author: User,
    happened_on: datetime.date,
    what_happened: str,
    rag: str,
    blockers: str = "",
    next_steps: str = "",
    evidence: Sequence[Evidence] = (),
) -> ProgressEntry:
    _check_date(happened_on)
    entry = ProgressEntry(
        project=project,
        author=author,
        happened_on=happened_on,
        what_happened=what_happened,
        rag=rag,
        blockers=blockers,
        next_steps=next_steps,
    )
    entry.full_clean()
    entry.save()
    _store_evidence(entry, evidence)
    return entry


@transaction.atomic
def progress_entry_update(
    *,
    entry: ProgressEntry,
    editor: User,
    happened_on: datetime.date,
    what_happened: str,
    rag: str,
    blockers: str = "",
    next_steps: str = "",
    evidence: Sequence[Evidence] = (),
) -> ProgressEntry:
    """Change an entry within its edit window, keeping what it said before as a revision."""
    entry = ProgressEntry.objects.select_for_update().get(pk=entry.pk)
    if not entry.is_editable():
        raise EntryLocked(
            "Entries can only be changed for 7 days after they are written. This one was "
            f"written on {dateformat.format(timezone.localtime(entry.created), 'j F Y')}."
        )
    _check_date(happened_on)
    before = {name: getattr(entry, name) for name in ENTRY_FIELDS}
    links_before = [Evidence(link.url, link.label) for link in entry.evidence_links.all()]
    after = {
        "happened_on": happened_on,
        "what_happened": what_happened,
        "rag": rag,
        "blockers": blockers,
        "next_steps": next_steps,
    }
    if before == after and links_before == list(evidence):
        return entry
    ProgressEntryRevision.objects.create(
        entry=entry,
        edited_by=editor,
        evidence=[link._asdict() for link in links_before],
        **before,
    )
    for name, value in after.items():
        setattr(entry, name, value)
    entry.full_clean()
    entry.save()
    entry.evidence_links.all().delete()
    _store_evidence(entry, evidence)
    return entry


@transaction.atomic
def comment_create(*, entry: ProgressEntry, author: User, body: str) -> Comment:
    """An adviser's comment; the fellow is emailed once it is committed."""
    comment = Comment(entry=entry, author=author, body=body)
    comment.full_clean()
    comment.save()
    enqueue("projects.tasks.send_comment_email", comment.pk)
    return comment


def comments_mark_read(
    *,
    fellow: User,
    project: Project,
    entry: ProgressEntry | None = None,
    entries: list[ProgressEntry] | None = None,
) -> int:
    """Mark the fellow's unread comments on a project (or on one entry, or some entries,
    of it) as read."""
    if project.fellow_id != fellow.pk:
        return 0
    comments = Comment.objects.filter(entry__project=project, read_at__isnull=True)
    if entry is not None:
        comments = comments.filter(entry=entry)
    if entries is not None:
        comments = comments.filter(entry__in=entries)
    return comments.update(read_at=timezone.now())


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


@transaction.atomic
def showcase_order_set(*, cohort: Cohort, project_ids: Sequence[int]) -> list[ShowcasePlace]:
    """Replace the running order: `project_ids` present in that order, the rest do not."""
    if len(set(project_ids)) != len(project_ids):
        raise ValidationError("A fellow can only have one place in the running order.")
    projects = Project.objects.filter(cohort=cohort, pk__in=project_ids).in_bulk()
    if len(projects) != len(project_ids):
        raise ValidationError("Only projects of this cohort can present at its showcase.")
    # Lock the cohort so two advisers saving at once cannot interleave.
    Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
    ShowcasePlace.objects.filter(cohort=cohort).delete()
    places = [
        ShowcasePlace(cohort=cohort, project=projects[pk], position=position)
        for position, pk in enumerate(project_ids, start=1)
    ]
    return ShowcasePlace.objects.bulk_create(places)


@contextmanager
def nudge_claimed(*, project: Project, now: datetime.datetime) -> Iterator[bool]:
    """Stamp `last_nudged_at` unless the fellow was nudged, about this or another of their
    projects, within the fortnight; yields whether we won.

    The fellow's projects are locked while we look, so two workers nudging at once, even
    about two projects of one fellow, send one email. If the send fails the old stamp is
    put back so the retry can claim it.
    """
    since = now - datetime.timedelta(days=NUDGE_DAYS)
    previous = project.last_nudged_at
    with transaction.atomic():
        stamps = (
            Project.objects.select_for_update()
            .filter(fellow_id=project.fellow_id)
            .order_by("pk")
            .values_list("last_nudged_at", flat=True)
        )
        won = all(stamp is None or stamp <= since for stamp in stamps)
        if won:
            Project.objects.filter(pk=project.pk).update(last_nudged_at=now)
    try:
        yield won
    except BaseException:
        if won:
            Project.objects.filter(pk=project.pk, last_nudged_at=now).update(
                last_nudged_at=previous
            )
        raise
