"""A copy of someone's data is written a chunk of rows at a time: memory while it is made
stays flat whether they wrote a little or a great deal."""

import datetime
import tracemalloc

import pytest

from privacy.models import Export
from privacy.services import exports
from projects.factories import ProjectFactory
from projects.models import ProgressEntry

pytestmark = pytest.mark.django_db

TEXT = "x" * 4000  # about 12 kB of writing per entry over its three fields


def peak_while_exporting(person) -> int:
    export = Export.objects.create(person=person)
    tracemalloc.start()
    try:
        exports.export_build(export=export)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def write_entries(project, count: int) -> None:
    ProgressEntry.objects.bulk_create(
        ProgressEntry(
            project=project,
            author=project.fellow,
            happened_on=datetime.date(2026, 6, 1),
            what_happened=TEXT,
            blockers=TEXT,
            next_steps=TEXT,
            rag="G",
        )
        for _ in range(count)
    )


def test_memory_stays_flat_from_50_to_1000_entries(world, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK", 50)
    project = ProjectFactory(cohort=world.cohort, fellow=world.owner)
    write_entries(project, 50)
    small = peak_while_exporting(world.owner)

    write_entries(project, 950)  # 11 MB more writing
    large = peak_while_exporting(world.owner)

    assert large - small < 2_000_000
