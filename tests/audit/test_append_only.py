"""Nothing in Pioneer changes or deletes the trail; on PostgreSQL the database refuses too."""

import pytest
from django.db import DatabaseError, connection, transaction

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
