"""Subject access: a person asks for everything Pioneer holds about them and gets a ZIP
of CSV and JSON files from a task, by an emailed link that works for 7 days, only for
them; then the file is deleted."""

import csv
import datetime
import io
import json
import re
import zipfile

import pytest
import time_machine
from django.core import mail
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, Event
from privacy.models import Export
from privacy.registry import tables
from privacy.tasks import build_export, delete_expired_exports
from tests.matrix import LOGIN, WRONG_METHOD, assert_matrix, signed_in
from tests.privacy.conftest import give_everything

pytestmark = pytest.mark.django_db


def ask(client, person) -> str:
    """Ask for a copy as `person`; returns the download path from the email."""
    client.force_login(person)
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("privacy:export_ask"))
    assert response.status_code == 302
    (message,) = [m for m in mail.outbox if m.to == [person.email]]
    return re.search(r"https?://[^/\s]+(/privacy/exports/\S+/)", message.body).group(1)


def archive_of(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_zip_holds_a_row_from_every_table_that_holds_the_person(client, world):
    everything = give_everything(world)

    response = client.get(ask(client, everything.person))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = archive_of(response)
    empty = []
    for table in tables():
        rows = json.loads(archive.read(f"{table.name}.json"))
        with archive.open(f"{table.name}.csv") as member:
            lines = list(csv.reader(io.TextIOWrapper(member, encoding="utf-8")))
        assert len(lines) == len(rows) + 1, table.name  # a header, then the same rows
        ids = {row[table.model._meta.pk.attname] for row in rows}
        assert len(ids) == len(rows), table.name  # no row twice
        if not rows:
            empty.append(table.name)
    assert empty == []


def test_the_zip_shows_what_they_wrote_and_never_secrets(client, world):
    everything = give_everything(world)

    archive = archive_of(client.get(ask(client, everything.person)))

    people = json.loads(archive.read("accounts.user.json"))
    assert [person["email"] for person in people] == [everything.person.email]
    assert "password" not in people[0]
    interviews = json.loads(archive.read("cohorts.intakeinterview.json"))
    assert interviews[0]["hopes"] == everything.words
    assert "secret" not in archive.read("mfa.authenticator.csv").decode()
    assert "token_hash" not in archive.read("accounts.invitation.csv").decode()
    readme = json.loads(archive.read("README.json"))
    assert readme["rows_by_table"]["projects.progressentry"] == 1


def test_the_zip_holds_nobody_elses_rows(client, world):
    give_everything(world)

    archive = archive_of(client.get(ask(client, world.fellow)))

    people = json.loads(archive.read("accounts.user.json"))
    assert [person["email"] for person in people] == [world.fellow.email]
    assert json.loads(archive.read("projects.progressentry.json")) == []
    assert world.owner.email not in archive.read("accounts.invitation.json").decode()


def test_the_link_works_only_for_the_person_who_asked(client, world):
    path = ask(client, world.owner)

    assert_matrix(world, path, signed_in(404) | {"owner": 200, "anonymous": LOGIN})


def test_a_forged_or_mangled_link_is_not_found(client, world):
    path = ask(client, world.owner)
    export = Export.objects.get(person=world.owner)
    forged = reverse("privacy:export_download", args=[f"{export.pk}:forged"])

    assert client.get(forged).status_code == 404
    assert client.get(path.replace("/privacy/exports/", "/privacy/exports/x")).status_code == 404


def test_the_link_stops_working_after_7_days_and_the_file_is_deleted(client, world, exports_dir):
    path = ask(client, world.owner)
    export = Export.objects.get(person=world.owner)
    stored = exports_dir / export.file
    assert stored.exists()

    with time_machine.travel(timezone.now() + datetime.timedelta(days=6, hours=23)):
        assert client.get(path).status_code == 200
        assert delete_expired_exports() == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        assert client.get(path).status_code == 404
        assert delete_expired_exports() == 1

    assert not stored.exists()
    export.refresh_from_db()
    assert export.deleted_at is not None
    assert client.get(path).status_code == 404


def test_the_email_says_when_the_link_expires_and_goes_to_the_person_only(client, world):
    ask(client, world.owner)

    (message,) = mail.outbox
    assert message.to == [world.owner.email]
    export = Export.objects.get(person=world.owner)
    assert export.expires_at - export.ready_at == datetime.timedelta(days=7)
    assert "Download your data" in message.alternatives[0][0]


def test_building_twice_keeps_one_file_and_sends_one_email(client, world, exports_dir):
    ask(client, world.owner)
    export = Export.objects.get(person=world.owner)

    build_export(export.pk)

    assert len(mail.outbox) == 1
    assert [path.name for path in (exports_dir / export.file).parent.iterdir()] == [
        (exports_dir / export.file).name
    ]


def test_asking_again_within_the_hour_while_one_is_being_made_does_not_queue_another(world):
    client = Client()
    client.force_login(world.owner)
    Export.objects.create(person=world.owner)

    response = client.post(reverse("privacy:export_ask"), follow=True)

    assert Export.objects.filter(person=world.owner).count() == 1
    assert "being prepared" in response.content.decode()


def test_the_privacy_page_is_for_everyone_signed_in(world):
    assert_matrix(world, reverse("privacy:index"), signed_in())
    assert_matrix(world, reverse("privacy:export_ask"), signed_in(302), method="post")
    assert_matrix(world, reverse("privacy:export_ask"), WRONG_METHOD | {"anonymous": 405})


def test_the_privacy_page_lists_the_persons_copies_in_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries, django_assert_num_queries
):
    client.force_login(world.owner)
    Export.objects.create(person=world.owner)
    client.get(reverse("privacy:index"))
    with django_assert_max_num_queries(10) as small:
        client.get(reverse("privacy:index"))
    for _ in range(8):
        Export.objects.create(person=world.owner)

    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("privacy:index"))

    assert response.content.decode().count("being prepared") == 9


def test_the_download_and_the_persons_audit_events_are_in_the_trail_and_the_zip(client, world):
    path = ask(client, world.owner)

    client.get(path)

    download = Event.objects.get(action=Action.DOWNLOAD)
    assert download.actor == world.owner
    assert list(download.subjects.values_list("person", flat=True)) == [world.owner.pk]
    archive = archive_of(client.get(ask(client, world.owner)))
    events = json.loads(archive.read("audit.event.json"))
    assert download.pk in [event["id"] for event in events]
    assert {event["object_type"] for event in events} >= {"privacy.export", "download"}
