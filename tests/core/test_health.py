"""/healthz names each part Pioneer depends on, and the one that fails."""

from datetime import timedelta

import pytest
import time_machine
from celery.contrib.testing.worker import start_worker
from django.urls import reverse
from django.utils import timezone

from core.mail import enqueue
from core.models import Heartbeat
from core.tasks import heartbeat
from fellowship.celery import app as celery_app
from mentoring.factories import BookingFactory
from mentoring.tasks import send_booking_confirmation
from tests.redis_server import celery_broker, use_redis_cache, wait_for


def health(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    return response.json()


@pytest.mark.django_db
def test_healthz_names_the_cache_when_its_redis_is_stopped(redis_server, settings, client):
    use_redis_cache(settings, redis_server.url())
    before = health(client)

    redis_server.stop()
    after = health(client)

    assert (before["status"], before["checks"]["cache"]) == (
        "ok",
        {"status": "ok", "kind": "redis"},
    )
    assert (after["status"], after["failing"]) == ("degraded", ["cache"])
    assert after["checks"]["cache"] == {
        "status": "failing",
        "kind": "redis",
        "error": "ConnectionError",
    }


def test_healthz_hears_from_workers_and_beat_and_names_them_when_they_go_quiet(
    redis_server, committed_db, client
):
    with celery_broker(redis_server.url(1)):
        with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            heartbeat.delay()  # as beat sends it every minute
            wait_for(lambda: Heartbeat.objects.count() == 2)  # beat's and the worker's
            alive = health(client)
        with time_machine.travel(timezone.now() + timedelta(minutes=4)):
            quiet = health(client)

    assert (alive["status"], alive["failing"]) == ("ok", [])
    assert alive["checks"]["broker"] == {"status": "ok", "kind": "redis"}
    assert (alive["checks"]["workers"]["status"], alive["checks"]["workers"]["recent"]) == ("ok", 1)
    assert alive["checks"]["beat"]["status"] == "ok"
    assert (quiet["status"], quiet["failing"]) == ("degraded", ["workers", "beat"])
    assert quiet["checks"]["workers"]["recent"] == 0
    assert quiet["checks"]["beat"]["last_seen_seconds"] >= 4 * 60


def test_a_running_worker_is_seen_without_running_any_task(redis_server, committed_db):
    with (
        celery_broker(redis_server.url(1)),
        start_worker(
            celery_app,
            pool="solo",
            perform_ping_check=False,
            shutdown_timeout=10,
            without_heartbeat=False,
        ),
    ):
        wait_for(lambda: Heartbeat.objects.filter(name__startswith="worker:").exists())

    assert not Heartbeat.objects.filter(name="beat").exists()


@pytest.mark.django_db
def test_healthz_names_the_outbox_when_a_task_has_waited_too_long(
    client, world, smtp_down, django_capture_on_commit_callbacks
):
    booking = BookingFactory(fellow=world.owner, cohort=world.cohort)
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(send_booking_confirmation, booking.pk)

    fresh = health(client)
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        late = health(client)

    assert fresh["checks"]["outbox"] == {"status": "ok", "waiting": 1, "oldest_seconds": 0}
    assert (late["status"], late["failing"]) == ("degraded", ["outbox"])
    assert late["checks"]["outbox"]["status"] == "failing"
    assert late["checks"]["outbox"]["oldest_seconds"] >= 6 * 60
