"""A copy of everything Pioneer holds about a person: a ZIP with a CSV and a JSON file
per table, written a row at a time into a temporary file (memory stays bounded whatever
the size) and kept in the `privacy_exports` storage until the link expires."""

import csv
import datetime
import io
import json
import tempfile
import zipfile

from django.core.files import File
from django.core.files.storage import storages
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.csv import cell
from core.mail import enqueue
from privacy.models import Export
from privacy.registry import Table, tables

LINK_DAYS = 7
CHUNK = 500


def export_storage():
    return storages["privacy_exports"]


def rows_of(table: Table, person: User, chunk: int | None = None):
    """The person's rows of one table, as dicts of stored values, a chunk at a time."""
    chunk = chunk or CHUNK
    manager = table.model._base_manager
    # By id, so a lookup through a many-valued relation (an event's subjects) never
    # repeats a row.
    queryset = manager.filter(
        pk__in=manager.filter(table.about(person.pk, person.email)).values("pk")
    )
    return queryset.order_by("pk").values(*table.columns()).iterator(chunk_size=chunk)


def _write_table(archive: zipfile.ZipFile, table: Table, person: User) -> int:
    """The table's CSV, then its JSON: a ZIP takes one member at a time, so the rows are
    read twice rather than held."""
    columns = table.columns()
    with archive.open(f"{table.name}.csv", "w") as member:
        text = io.TextIOWrapper(member, encoding="utf-8", newline="")
        writer = csv.writer(text)
        writer.writerow(columns)
        for row in rows_of(table, person):
            writer.writerow([cell(_plain(row[column])) for column in columns])
        text.flush()
        text.detach()
    count = 0
    with archive.open(f"{table.name}.json", "w") as member:
        text = io.TextIOWrapper(member, encoding="utf-8")
        text.write("[")
        for row in rows_of(table, person):
            text.write(",\n" if count else "\n")
            text.write(json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False))
            count += 1
        text.write("\n]\n")
        text.flush()
        text.detach()
    return count


def _plain(value):
    if isinstance(value, list | dict):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


def _write_zip(target, person: User, now: datetime.datetime) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        counts = {table.name: _write_table(archive, table, person) for table in tables()}
        readme = {
            "person": person.pk,
            "made_at": now.isoformat(),
            "rows_by_table": counts,
            "about": "Everything Pioneer holds about you: one CSV and one JSON file per table.",
        }
        archive.writestr("README.json", json.dumps(readme, indent=2))


def export_request(*, person: User) -> Export:
    """Ask for a copy; a task makes it and emails the link."""
    with transaction.atomic():
        export = Export.objects.create(person=person)
        enqueue("privacy.tasks.build_export", export.pk)
    return export


def export_build(*, export: Export, now: datetime.datetime | None = None) -> Export:
    """Write the ZIP and store it; safe to run twice (the second run does nothing)."""
    now = now or timezone.now()
    if export.ready_at is not None:
        return export
    with tempfile.TemporaryFile() as spool:
        _write_zip(spool, export.person, now)
        spool.seek(0)
        name = export_storage().save(
            f"exports/{export.person_id}/pioneer-data-{now:%Y%m%d-%H%M%S}.zip", File(spool)
        )
    updated = Export.objects.filter(pk=export.pk, ready_at__isnull=True).update(
        file=name, ready_at=now, expires_at=now + datetime.timedelta(days=LINK_DAYS)
    )
    if not updated:  # another run finished first: keep its file, drop ours
        export_storage().delete(name)
    export.refresh_from_db()
    if updated:
        enqueue("privacy.tasks.send_export_ready", export.pk)
    return export


def exports_delete_expired(*, now: datetime.datetime | None = None) -> int:
    """Files whose link has expired are deleted; the request stays, marked deleted."""
    now = now or timezone.now()
    count = 0
    expired = Export.objects.filter(expires_at__lte=now, deleted_at__isnull=True)
    for export in expired.iterator(chunk_size=CHUNK):
        if export.file:
            export_storage().delete(export.file)
        Export.objects.filter(pk=export.pk).update(deleted_at=now)
        count += 1
    return count
