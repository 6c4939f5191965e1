"""Mentoring emails. Each task takes ids, loads, and claims its row before sending, so
running it twice, or on two workers at once, sends once."""

import dataclasses
from email.utils import parseaddr

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from fellowship.ical import build_calendar
from fellowship.mail import EMAIL_TASK_OPTIONS, enqueue, send_once, send_templated_email
from mentoring import selectors
from mentoring.models import Booking, WaitlistEntry

Status = Booking.Status


def _invite(booking: Booking, *, method: str) -> tuple[str, bytes, str]:
    event = dataclasses.replace(
        selectors.booking_event(booking, cancelled=method == "CANCEL"),
        organizer_email=parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
    )
    return ("invite.ics", build_calendar([event], method=method), "text/calendar")


def _send_to_both(booking: Booking, template: str, *, context=None, attachments=()) -> None:
    """One email to the fellow and one to the mentor, each worded for its reader."""
    for role, person in (("fellow", booking.fellow), ("mentor", booking.slot.mentor)):
        send_templated_email(
            to=[person.email],
            template=template,
            context={"booking": booking, "role": role, "person": person, **(context or {})},
            attachments=attachments,
        )


def _booking(booking_id: int) -> Booking | None:
    return selectors.booking_queryset().filter(pk=booking_id).first()


@shared_task(**EMAIL_TASK_OPTIONS)
def send_booking_confirmation(booking_id: int) -> None:
    booking = _booking(booking_id)
    if booking is None or booking.status != Status.BOOKED:
        return
    with send_once(Booking.objects.filter(pk=booking_id), "confirmation_sent_at") as won:
        if won:
            _send_to_both(
                booking,
                "mentoring_booking_confirmed",
                attachments=[_invite(booking, method="REQUEST")],
            )


@shared_task(**EMAIL_TASK_OPTIONS)
def send_booking_cancellation(booking_id: int) -> None:
    booking = _booking(booking_id)
    if booking is None or booking.status != Status.CANCELLED:
        return
    with send_once(Booking.objects.filter(pk=booking_id), "cancellation_sent_at") as won:
        if won:
            _send_to_both(
                booking,
                "mentoring_booking_cancelled",
                attachments=[_invite(booking, method="CANCEL")],
            )


@shared_task(**EMAIL_TASK_OPTIONS)
def send_reminder(booking_id: int, kind: str) -> None:
    field = selectors.REMINDERS[kind][0]
    booking = _booking(booking_id)
    if booking is None or booking.status != Status.BOOKED:
        return
    with send_once(Booking.objects.filter(pk=booking_id, status=Status.BOOKED), field) as won:
        if won:
            _send_to_both(booking, "mentoring_reminder", context={"kind": kind})


@shared_task(**EMAIL_TASK_OPTIONS)
def send_feedback_request(booking_id: int) -> None:
    booking = _booking(booking_id)
    if booking is None or booking.status not in Booking.ACTIVE:
        return
    with send_once(Booking.objects.filter(pk=booking_id), "feedback_requested_at") as won:
        if won:
            _send_to_both(booking, "mentoring_feedback_request")


@shared_task
def send_due_reminders() -> int:
    """Every few minutes (beat): the 24-hour and 1-hour reminders that are due."""
    now = timezone.now()
    count = 0
    for kind in selectors.REMINDERS:
        for booking_id in selectors.reminders_due(kind, now=now).values_list("pk", flat=True):
            enqueue(send_reminder, booking_id, kind)
            count += 1
    return count


@shared_task
def request_due_feedback() -> int:
    """After a session ends, ask both sides how it went (once)."""
    ids = list(selectors.feedback_due(now=timezone.now()).values_list("pk", flat=True))
    for booking_id in ids:
        enqueue(send_feedback_request, booking_id)
    return len(ids)


@shared_task
def sweep_unsent_emails() -> int:
    """Send again any confirmation, cancellation or waitlist offer whose task never ran
    (the broker was down)."""
    now = timezone.now()
    confirmations = list(selectors.unsent_confirmations(now=now).values_list("pk", flat=True))
    cancellations = list(selectors.unsent_cancellations(now=now).values_list("pk", flat=True))
    offers = list(selectors.unsent_waitlist_offers(now=now).values_list("pk", flat=True))
    for booking_id in confirmations:
        enqueue(send_booking_confirmation, booking_id)
    for booking_id in cancellations:
        enqueue(send_booking_cancellation, booking_id)
    for entry_id in offers:
        enqueue(send_waitlist_offer, entry_id)
    return len(confirmations) + len(cancellations) + len(offers)


@shared_task(**EMAIL_TASK_OPTIONS)
def send_waitlist_offer(entry_id: int) -> None:
    """Tell a waiting fellow their mentor has a free slot (sent once; never booked)."""
    entry = (
        selectors.waitlist_offers()
        .select_related("fellow", "mentor", "programme")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None:
        return
    with send_once(WaitlistEntry.objects.filter(pk=entry.pk), "notified_at") as won:
        if won:
            profile = entry.mentor.mentor_profiles.filter(programme_id=entry.programme_id).first()
            send_templated_email(
                to=[entry.fellow.email],
                template="mentoring_waitlist_place",
                context={"entry": entry, "profile": profile},
            )


@shared_task
def expire_waitlist() -> int:
    """Entries last 30 days; clear out the ones that ran out."""
    deleted, _ = WaitlistEntry.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted
