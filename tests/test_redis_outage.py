"""With Redis really stopped, people still sign in and book; the email goes when it is back.

The test runs its own redis-server as the cache, the session cache and the Celery broker,
so it can stop it; a real Celery worker sends the email once Redis is back.
"""

import json
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as NoAnswer

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import connections
from django.test import Client
from django.urls import reverse

from accounts.factories import PASSWORD
from core import outbox
from core.models import OutboxTask
from fellowship.celery import app as celery_app
from mentoring.factories import BookingFactory, SlotFactory, days_ahead, make_mentor_profile
from mentoring.models import Booking
from tests.matrix import build_world
from tests.redis_server import celery_broker, use_redis_cache, wait_for

AGENDA = "Getting clinicians to trust a new sepsis alert."


def sign_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def queued(server) -> list[str]:
    """The names of the tasks waiting on the broker's default queue."""
    queue = celery_app.conf.task_default_queue  # one per parallel test process
    with server.client(1) as client:
        return [json.loads(raw)["headers"]["task"] for raw in client.lrange(queue, 0, -1)]


@pytest.fixture
def world(committed_db):
    """The usual world, committed, so the worker thread sees it."""
    return build_world()


@pytest.fixture
def on_own_redis(redis_server, settings):
    use_redis_cache(settings, redis_server.url(0))
    with celery_broker(redis_server.url(1)):
        yield redis_server


def test_with_redis_stopped_fellows_sign_in_book_and_cancel_and_the_emails_go_once_it_is_back(
    on_own_redis, world, client
):
    redis_server = on_own_redis
    fellow, mentor = world.owner, world.mentor
    make_mentor_profile(world.programme, user=mentor)
    slot = SlotFactory(mentor=mentor, programme=world.programme, starts_at=days_ahead(3))
    earlier = BookingFactory(
        slot=SlotFactory(mentor=mentor, programme=world.programme, starts_at=days_ahead(4)),
        fellow=fellow,
        cohort=world.cohort,
    )
    for person in (fellow, world.fellow):
        person.emailaddress_set.create(email=person.email, primary=True, verified=True)
    signed_in = sign_in(client, fellow)
    with redis_server.client(0) as cache:
        sessions_in_redis = len(cache.keys("*cached_db*"))

    redis_server.stop()
    home = client.get(reverse("home"))
    booking_page = client.get(reverse("mentoring:book", args=[slot.pk]))
    booked = client.post(reverse("mentoring:book", args=[slot.pk]), {"agenda": AGENDA})
    cancelled = client.post(reverse("mentoring:booking_cancel", args=[earlier.pk]))
    other_fellow = Client()
    other_sign_in = sign_in(other_fellow, world.fellow)
    other_home = other_fellow.get(reverse("home"))
    health = client.get(reverse("healthz"))

    assert signed_in.status_code == 302
    assert sessions_in_redis == 1
    assert (home.status_code, booking_page.status_code) == (200, 200)
    booking = Booking.objects.get(slot=slot)
    assert (booking.fellow, booking.status, booking.agenda) == (fellow, "booked", AGENDA)
    assert booked.status_code == 302
    assert booked["Location"] == reverse("mentoring:booking_detail", args=[booking.pk])
    earlier.refresh_from_db()
    assert (cancelled.status_code, earlier.status) == (302, "cancelled")
    assert other_sign_in.status_code == 302
    assert other_home.status_code == 200
    assert other_home.context["user"] == world.fellow
    assert health.status_code == 200
    assert health.json()["status"] == "degraded"
    # No worker or beat ran in this test, and the broker they need is down.
    assert health.json()["failing"] == ["broker", "cache", "workers", "beat"]
    assert health.json()["checks"]["broker"]["kind"] == "redis"
    assert list(OutboxTask.objects.order_by("pk").values_list("task", "args")) == [
        ("mentoring.tasks.send_booking_confirmation", [booking.pk]),
        ("mentoring.tasks.send_booking_cancellation", [earlier.pk]),
    ]
    assert mail.outbox == []

    redis_server.start()  # on the same port, empty
    swept = outbox.sweep()
    on_the_queue = queued(redis_server)
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        wait_for(lambda: len(mail.outbox) == 4 and not queued(redis_server))
        swept_again = outbox.sweep()
        wait_for(lambda: not queued(redis_server))

    assert (swept, swept_again) == (2, 0)
    assert on_the_queue == [
        "mentoring.tasks.send_booking_cancellation",  # Redis's list: the newest first
        "mentoring.tasks.send_booking_confirmation",
    ]
    assert not OutboxTask.objects.exists()
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [fellow.email, mentor.email] * 2
    )
    booking.refresh_from_db()
    earlier.refresh_from_db()
    assert None not in (booking.confirmation_sent_at, booking.confirmation_mentor_sent_at)
    assert None not in (earlier.cancellation_sent_at, earlier.cancellation_mentor_sent_at)


def _closing_connections(request):
    try:
        return request()
    finally:
        connections.close_all()  # this thread's; the test client leaves them open


def answered_within(seconds, redis_server, request):
    """`request()` from another thread; fails, rather than hangs, if it takes longer."""
    with ThreadPoolExecutor(1) as thread:
        answer = thread.submit(_closing_connections, request)
        try:
            return answer.result(timeout=seconds)
        except NoAnswer:
            redis_server.thaw()  # so the request ends and the test with it
            pytest.fail(f"no answer within {seconds} s while Redis hangs")


def test_with_redis_hung_sign_in_booking_and_healthz_answer_within_seconds(
    on_own_redis, world, client
):
    redis_server = on_own_redis
    make_mentor_profile(world.programme, user=world.mentor)
    slot = SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(3))
    world.owner.emailaddress_set.create(email=world.owner.email, primary=True, verified=True)
    book = reverse("mentoring:book", args=[slot.pk])

    redis_server.freeze()  # it accepts connections and never answers
    signed_in = answered_within(5, redis_server, lambda: sign_in(client, world.owner))
    booked = answered_within(5, redis_server, lambda: client.post(book, {"agenda": AGENDA}))
    health = answered_within(5, redis_server, lambda: client.get(reverse("healthz")))

    assert signed_in.status_code == 302
    assert booked.status_code == 302
    assert Booking.objects.filter(slot=slot, fellow=world.owner).exists()
    assert OutboxTask.objects.get().task == "mentoring.tasks.send_booking_confirmation"
    assert health.status_code == 200
    assert health.json()["failing"][:2] == ["broker", "cache"]
