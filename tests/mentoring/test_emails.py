import datetime
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.mail import EmailMessage

from mentoring import tasks
from mentoring.factories import BookingFactory, SlotFactory
from mentoring.models import Booking
from mentoring.services import bookings as services

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def booking(mentoring):
    world = mentoring.world
    made = services.booking_create(slot=mentoring.slot, fellow=world.owner, agenda="Board paper")
    mail.outbox.clear()
    return made


@pytest.fixture
def at(django_capture_on_commit_callbacks):
    """At a moment, with tasks enqueued after commit run at once (as outside a test)."""

    @contextmanager
    def travel(instant):
        with (
            time_machine.travel(instant, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            yield

    return travel


def recipients():
    return sorted(message.to[0] for message in mail.outbox)


def test_24_hour_reminder_is_sent_once_when_the_task_runs_twice(booking, at):
    world_emails = sorted([booking.fellow.email, booking.slot.mentor.email])

    moment = booking.starts_at - datetime.timedelta(hours=23, minutes=58)
    with at(moment):
        first = tasks.send_due_reminders()
    with at(moment):
        second = tasks.send_due_reminders()

    assert (first, second) == (1, 0)
    assert recipients() == world_emails
    assert "Tomorrow" in mail.outbox[0].subject
    booking.refresh_from_db()
    assert booking.reminder_24h_sent_at is not None
    assert booking.reminder_1h_sent_at is None


def test_1_hour_reminder_follows_and_is_sent_once(booking, at):
    with at(booking.starts_at - datetime.timedelta(hours=23)):
        tasks.send_due_reminders()
    mail.outbox.clear()

    with at(booking.starts_at - datetime.timedelta(minutes=55)):
        tasks.send_due_reminders()
    with at(booking.starts_at - datetime.timedelta(minutes=50)):
        tasks.send_due_reminders()

    assert len(mail.outbox) == 2
    assert mail.outbox[0].subject.startswith("Today at 10:00: mentoring with")


def london(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("starts", "sent", "when"),
    [
        pytest.param(
            london(2026, 2, 5, 16, 26), london(2026, 2, 5, 8), "Today at 16:26", id="today"
        ),
        pytest.param(
            london(2026, 2, 6, 9), london(2026, 2, 5, 10), "Tomorrow at 09:00", id="tomorrow"
        ),
        # The 1-hour reminder, sent before midnight for a session just after it.
        pytest.param(
            london(2026, 2, 6, 0, 30),
            london(2026, 2, 5, 23, 40),
            "Tomorrow at 00:30",
            id="across midnight",
        ),
        # The clocks go forward overnight: the session is still at 09:00 UK time.
        pytest.param(
            london(2026, 3, 29, 9),
            london(2026, 3, 28, 9, 30),
            "Tomorrow at 09:00",
            id="clocks go forward",
        ),
        # The clocks go back, so this day has 25 hours: 23 hours 50 minutes ahead is today.
        pytest.param(
            london(2026, 10, 25, 23, 30),
            london(2026, 10, 25, 0, 40),
            "Today at 23:30",
            id="clocks go back",
        ),
    ],
)
def test_a_reminder_says_the_day_and_time_of_the_session_in_london(world, at, starts, sent, when):
    slot = SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=starts)
    BookingFactory(slot=slot, fellow=world.owner, cohort=world.cohort)

    with at(sent):
        tasks.send_due_reminders()

    assert sorted(message.subject for message in mail.outbox) == [
        f"{when}: mentoring with {world.owner.name}",  # the mentor's copy
        f"{when}: mentoring with {world.mentor.name}",  # the fellow's copy
    ]


def test_a_reminder_sent_days_ahead_gives_the_date(booking, at):
    with at(booking.starts_at - datetime.timedelta(days=2, hours=20)):
        tasks.send_reminder(booking.pk, "24h")

    assert mail.outbox[0].subject.startswith("Thursday 5 February at 10:00: mentoring with")


def test_a_reminder_task_run_twice_for_one_booking_sends_once(booking, at):
    with at(booking.starts_at - datetime.timedelta(hours=20)):
        tasks.send_reminder(booking.pk, "24h")
        tasks.send_reminder(booking.pk, "24h")

    assert len(mail.outbox) == 2


def test_no_reminder_before_it_is_due_or_for_a_cancelled_booking(booking, at):
    with at(booking.starts_at - datetime.timedelta(hours=30)):
        early = tasks.send_due_reminders()
    services.booking_cancel(booking=booking, by=booking.fellow)
    mail.outbox.clear()
    with at(booking.starts_at - datetime.timedelta(hours=20)):
        cancelled = tasks.send_due_reminders()

    assert (early, cancelled) == (0, 0)
    assert mail.outbox == []


def test_feedback_is_requested_once_after_the_session(booking, at):
    with at(booking.ends_at + datetime.timedelta(minutes=10)):
        first = tasks.request_due_feedback()
    with at(booking.ends_at + datetime.timedelta(minutes=15)):
        second = tasks.request_due_feedback()

    assert (first, second) == (1, 0)
    fellow_copy = next(m for m in mail.outbox if m.to == [booking.fellow.email])
    mentor_copy = next(m for m in mail.outbox if m.to == [booking.slot.mentor.email])
    assert f"/mentoring/bookings/{booking.pk}/feedback/" in fellow_copy.body
    assert f"/mentoring/bookings/{booking.pk}/outcome/" in mentor_copy.body


def test_a_confirmation_whose_task_never_ran_is_sent_by_the_sweep(mentoring, at):
    world = mentoring.world
    lost = BookingFactory(slot=mentoring.slot, fellow=world.owner, cohort=world.cohort)

    with at(lost.created + datetime.timedelta(minutes=20)):
        swept = tasks.sweep_unsent_emails()
    with at(lost.created + datetime.timedelta(minutes=35)):
        again = tasks.sweep_unsent_emails()

    assert (swept, again) == (1, 0)
    assert len(mail.outbox) == 2
    assert Booking.objects.get(pk=lost.pk).confirmation_sent_at is not None


def test_a_failed_send_is_retried_not_lost(booking, monkeypatch, at):
    # The SMTP server is outside the system: make it fail once.
    calls = []

    def flaky_send(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("connection refused")
        return 1

    monkeypatch.setattr("django.core.mail.EmailMessage.send", flaky_send)
    with at(booking.starts_at - datetime.timedelta(hours=20)):
        with pytest.raises(OSError, match="connection refused"):
            tasks.send_reminder.run(booking.pk, "24h")
        booking.refresh_from_db()
        unclaimed = booking.reminder_24h_sent_at
        tasks.send_reminder.run(booking.pk, "24h")

    booking.refresh_from_db()
    assert unclaimed is None
    assert booking.reminder_24h_sent_at is not None


@pytest.fixture
def refuse_once(monkeypatch):
    """The SMTP server (outside the system) refuses the first email to an address."""
    real_send = EmailMessage.send
    refused: dict[str, bool] = {}

    def send(message, *args, **kwargs):
        address = message.to[0]
        if refused.get(address) is False:
            refused[address] = True
            raise OSError("connection refused")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", send)
    return lambda address: refused.setdefault(address, False)


@pytest.mark.parametrize(
    ("send", "status"),
    [
        (lambda booking: tasks.send_booking_confirmation.run(booking.pk), "booked"),
        (lambda booking: tasks.send_reminder.run(booking.pk, "24h"), "booked"),
        (lambda booking: tasks.send_reminder.run(booking.pk, "1h"), "booked"),
        (lambda booking: tasks.send_feedback_request.run(booking.pk), "held"),
        (lambda booking: tasks.send_booking_cancellation.run(booking.pk), "cancelled"),
    ],
)
def test_a_retry_after_the_mentors_copy_failed_does_not_resend_the_fellows(
    booking, refuse_once, send, status
):
    Booking.objects.filter(pk=booking.pk).update(status=status)
    refuse_once(booking.slot.mentor.email)

    with pytest.raises(OSError, match="connection refused"):
        send(booking)
    send(booking)  # Celery's retry
    send(booking)  # and the task run again for good measure

    assert recipients() == sorted([booking.fellow.email, booking.slot.mentor.email])
