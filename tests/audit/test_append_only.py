"""Nothing in Pioneer changes or deletes the trail; on PostgreSQL the database refuses too."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from accounts.factories import UserFactory
from audit.models import Event, Subject

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(world):
    return Event.objects.filter(subjects__person=world.owner).first()


def test_an_event_cannot_be_saved_again_or_deleted(event):
    event.object_label = "Edited"

    with pytest.raises(TypeError, match="append-only"):
        event.save()
    with pytest.raises(TypeError, match="append-only"):
        event.delete()


def test_the_trail_refuses_bulk_changes(event):
    with pytest.raises(TypeError, match="append-only"):
        Event.objects.filter(pk=event.pk).update(object_label="Edited")
    with pytest.raises(TypeError, match="append-only"):
        Subject.objects.all().delete()

    assert Event.objects.get(pk=event.pk).object_label != "Edited"
    assert Subject.objects.filter(event=event).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="triggers are PostgreSQL's")
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_event SET object_label = 'Edited'",
        "DELETE FROM audit_event",
        "UPDATE audit_subject SET person_id = 0",
        "DELETE FROM audit_subject",
    ],
)
def test_postgresql_refuses_update_and_delete_on_the_trail(event, statement):
    before = (Event.objects.count(), Subject.objects.count())

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)

    assert (Event.objects.count(), Subject.objects.count()) == before
    assert not Event.objects.filter(object_label="Edited").exists()


def test_the_admin_shows_the_trail_but_cannot_add_change_or_delete(client, event):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    listed = client.get(reverse("admin:audit_event_changelist"))
    shown = client.get(reverse("admin:audit_event_change", args=[event.pk]))
    changed = client.post(reverse("admin:audit_event_change", args=[event.pk]), {"path": "/x"})
    deleted = client.post(reverse("admin:audit_event_delete", args=[event.pk]), {"post": "yes"})
    added = client.get(reverse("admin:audit_event_add"))

    assert (listed.status_code, shown.status_code) == (200, 200)
    assert (changed.status_code, deleted.status_code, added.status_code) == (403, 403, 403)
    assert Event.objects.get(pk=event.pk).path == event.path
