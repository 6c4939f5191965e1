"""Tasks that cannot be sent now wait in the outbox and are sent by the sweep, once."""

import json
from base64 import b64decode

import pytest
from django.core import mail
from django.urls import reverse

from core import outbox
from core.mail import enqueue
from core.models import OutboxTask
from fellowship.celery import app as celery_app
from mentoring.factories import BookingFactory, SlotFactory, days_ahead, make_mentor_profile
from mentoring.models import Booking
from mentoring.tasks import send_booking_cancellation, send_booking_confirmation
from tests.redis_server import celery_broker, free_port

pytestmark = pytest.mark.django_db


def test_a_task_that_fails_in_process_waits_in_the_outbox_and_the_booking_still_goes_through(
    client, world, smtp_down, monkeypatch, django_capture_on_commit_callbacks
):
    make_mentor_profile(world.programme, user=world.mentor)
    slot = SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(3))
    client.force_login(world.owner)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mentoring:book", args=[slot.pk]), {"agenda": "Triage"})

    booking = Booking.objects.get(slot=slot)
    waiting = OutboxTask.objects.get()
    assert response.status_code == 302
    assert len(smtp_down) == 1  # tried once, not retried inside the request
    assert (waiting.task, waiting.args, waiting.attempts) == (
        "mentoring.tasks.send_booking_confirmation",
        [booking.pk],
        1,
    )
    assert waiting.last_error == "OSError: connection refused"

    monkeypatch.undo()  # SMTP is back
    swept, swept_again = outbox.sweep(), outbox.sweep()

    assert (swept, swept_again) == (1, 0)
    assert not OutboxTask.objects.exists()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.owner.email, world.mentor.email])


def test_the_sweep_keeps_a_task_that_fails_again_and_counts_the_try(
    world, smtp_down, django_capture_on_commit_callbacks
):
    bookings = [
        BookingFactory(fellow=world.owner, cohort=world.cohort, slot__starts_at=days_ahead(days))
        for days in (3, 4)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for booking in bookings:
            enqueue(send_booking_confirmation, booking.pk)

    swept = outbox.sweep()

    assert swept == 0
    assert list(OutboxTask.objects.order_by("pk").values_list("args", "attempts")) == [
        ([bookings[0].pk], 2),  # tried again, failed again: kept
        ([bookings[1].pk], 1),  # not tried while the one before still fails
    ]
    assert len(smtp_down) == 3


def published(redis_server) -> list[tuple[str, list]]:
    """(task name, args) of each message on the broker's default queue, oldest first."""
    queue = celery_app.conf.task_default_queue  # one per parallel test process
    with redis_server.client(1) as client:
        messages = [json.loads(raw) for raw in reversed(client.lrange(queue, 0, -1))]
    return [(m["headers"]["task"], json.loads(b64decode(m["body"]))[0]) for m in messages]


def test_enqueue_with_an_unreachable_broker_keeps_the_task_and_the_sweep_publishes_it_later(
    redis_server, django_capture_on_commit_callbacks
):
    nobody_listens = f"redis://127.0.0.1:{free_port()}/0"

    with celery_broker(nobody_listens), django_capture_on_commit_callbacks(execute=True):
        enqueue(send_booking_cancellation, 41)
        enqueue(send_booking_confirmation, 42)
    with celery_broker(nobody_listens):
        swept_while_down = outbox.sweep()
    waiting = list(OutboxTask.objects.order_by("pk").values_list("task", "args", "attempts"))
    with celery_broker(redis_server.url(1)):
        swept = outbox.sweep()

    assert waiting == [
        ("mentoring.tasks.send_booking_cancellation", [41], 2),
        ("mentoring.tasks.send_booking_confirmation", [42], 1),
    ]
    assert (swept_while_down, swept) == (0, 2)
    assert not OutboxTask.objects.exists()
    assert published(redis_server) == [
        ("mentoring.tasks.send_booking_confirmation", [42]),  # fewer tries first
        ("mentoring.tasks.send_booking_cancellation", [41]),
    ]
