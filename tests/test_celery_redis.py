"""Tasks really travel through Redis to a Celery worker (not run in-process)."""

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core import mail

from accounts.models import Invitation, Role
from accounts.services import invitation_create
from accounts.tasks import send_invitation
from fellowship.celery import app


@pytest.fixture
def redis_worker(transactional_db):
    if not settings.REDIS_URL:
        if os.environ.get("CI"):
            pytest.fail("REDIS_URL must be set in CI")
        pytest.skip("REDIS_URL is not set: no Redis broker to test against")
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        app.conf.task_always_eager = True


def wait_for(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the worker did not finish in time"
        time.sleep(0.1)


def test_invitation_email_is_sent_by_a_worker_through_redis(redis_worker, world):
    invitation, token = invitation_create(
        invited_by=world.adviser,
        programme=world.programme,
        email="via.redis@nhs.net",
        role=Role.MENTOR,
        send=False,
    )

    send_invitation.delay(invitation.pk, token)
    wait_for(lambda: mail.outbox)

    assert [message.to for message in mail.outbox] == [["via.redis@nhs.net"]]
    assert Invitation.objects.get(pk=invitation.pk).sent_at is not None
