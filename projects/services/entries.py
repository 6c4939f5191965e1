"""Writes to progress entries: a fellow logs one, and changes it within its edit window."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import dateformat, timezone

from accounts.models import User
from core.changes import Places, record
from projects.models import Evidence, EvidenceLink, ProgressEntry, ProgressEntryRevision, Project


class EntryLocked(Exception):
    """The edit window of a progress entry has closed."""


ENTRY_FIELDS = ("happened_on", "what_happened", "rag", "blockers", "next_steps")


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
    cohort = entry.project.cohort
    record(Places(cohorts={(cohort.programme_id, cohort.pk)}))


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
