"""A mail server that hangs or refuses never breaks or holds a page; the email is retried.

Before, allauth sent its emails inside the request: with SMTP unreachable a password reset
answered 500, and with a server that never answered it waited 30 s first.
"""

import queue
import time
from smtplib import SMTPServerDisconnected

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import after_task_publish, task_prerun, task_retry
from django.urls import reverse

from accounts.tasks import send_account_email
from fellowship.celery import app
from tests.smtp import HOST, HangingSMTP, free_port, mailers

pytestmark = pytest.mark.django_db

RESET_DONE = "We have sent you an email."


@pytest.fixture
def hanging_smtp():
    with HangingSMTP() as server:
        yield server


@pytest.fixture
def tasks_wait_for_a_worker():
    """Tasks go to the broker, as in production: Redis at REDIS_URL, else kombu's memory://."""
    app.conf.task_always_eager = False
    app.control.purge()
    try:
        yield
    finally:
        app.control.purge()
        app.conf.task_always_eager = True


def queued_account_emails() -> list[list[str]]:
    """Recipients of the account emails waiting in the broker (taking them off it)."""
    recipients = []
    with app.connection_for_read() as connection:
        waiting = connection.SimpleQueue(app.conf.task_default_queue)
        try:
            while True:
                message = waiting.get(timeout=0.5)
                message.ack()
                if message.headers["task"] == send_account_email.name:
                    _args, kwargs, _embed = message.decode()
                    recipients.append(kwargs["to"])
        except queue.Empty:
            pass
        finally:
            waiting.close()
    return recipients


def reset_password(client, capture, email):
    started = time.monotonic()
    with capture(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": email}, follow=True)
    return response, time.monotonic() - started


@pytest.mark.parametrize("known", [True, False], ids=["known address", "unknown address"])
def test_password_reset_answers_at_once_while_smtp_hangs(
    client,
    world,
    settings,
    hanging_smtp,
    tasks_wait_for_a_worker,
    django_capture_on_commit_callbacks,
    known,
):
    settings.MAILERS = mailers(f"smtp://{HOST}:{hanging_smtp.port}", timeout=30)
    email = world.owner.email if known else "nobody.here@nhs.net"

    response, took = reset_password(client, django_capture_on_commit_callbacks, email)

    assert took < 5  # The server would hold a sending request 30 s.
    assert response.redirect_chain == [(reverse("account_reset_password_done"), 302)]
    assert RESET_DONE in response.text
    assert hanging_smtp.connections == []
    assert queued_account_emails() == [[email]]


def test_account_email_gives_up_on_a_hung_smtp_at_the_timeout_and_is_retried(
    client,
    world,
    settings,
    hanging_smtp,
    tasks_wait_for_a_worker,
    django_capture_on_commit_callbacks,
):
    settings.MAILERS = mailers(f"smtp://{HOST}:{hanging_smtp.port}", timeout=1)
    reset_password(client, django_capture_on_commit_callbacks, world.owner.email)
    started, retried, republished = [], [], []

    def on_prerun(sender, **kwargs):
        started.append(time.monotonic())

    def on_retry(sender, reason, **kwargs):
        retried.append((time.monotonic(), reason))

    def on_publish(sender, headers, body, **kwargs):
        if sender == send_account_email.name and headers["retries"]:
            republished.append(body[1]["to"])

    task_prerun.connect(on_prerun, weak=False)
    task_retry.connect(on_retry, weak=False)
    after_task_publish.connect(on_publish, weak=False)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            deadline = time.monotonic() + 20
            while not retried:
                assert time.monotonic() < deadline, "the worker never gave up on the server"
                time.sleep(0.1)
    finally:
        task_prerun.disconnect(on_prerun)
        task_retry.disconnect(on_retry)
        after_task_publish.disconnect(on_publish)

    gave_up_at, retry = retried[0]
    assert isinstance(retry.exc, SMTPServerDisconnected)
    assert "timed out" in str(retry.exc)
    assert gave_up_at - started[0] < 5  # 1 s timeout; the server never answers at all.
    assert republished[0] == [world.owner.email]


@pytest.mark.parametrize("known", [True, False], ids=["known address", "unknown address"])
def test_password_reset_answers_normally_when_smtp_refuses_connections(
    client, world, settings, django_capture_on_commit_callbacks, known
):
    settings.MAILERS = mailers(f"smtp://{HOST}:{free_port()}")
    email = world.owner.email if known else "nobody.here@nhs.net"

    response, _ = reset_password(client, django_capture_on_commit_callbacks, email)

    assert response.redirect_chain == [(reverse("account_reset_password_done"), 302)]
    assert RESET_DONE in response.text


def test_password_reset_in_process_tries_a_hung_smtp_once_and_answers(
    client, world, settings, hanging_smtp, django_capture_on_commit_callbacks
):
    """Without a broker the task runs in the request: one try, cut short by the timeout."""
    settings.MAILERS = mailers(f"smtp://{HOST}:{hanging_smtp.port}", timeout=1)

    response, took = reset_password(client, django_capture_on_commit_callbacks, world.owner.email)

    assert response.redirect_chain == [(reverse("account_reset_password_done"), 302)]
    assert RESET_DONE in response.text
    assert len(hanging_smtp.connections) == 1
    assert took < 5
