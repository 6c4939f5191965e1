"""Mentoring emails. Each task takes ids, loads, and claims its row before sending, so
running it twice, or on two workers at once, sends once."""

import dataclasses
from email.utils import parseaddr

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from core.ical import build_calendar
from core.mail import EMAIL_TASK_OPTIONS, enqueue, send_once, send_templated_email
from mentoring.models import Booking, WaitlistEntry
from mentoring.selectors.bookings import booking_event, booking_queryset
from mentoring.selectors.emails import (
    EMAIL_CLAIMS,
    REMINDERS,
    feedback_due,
    reminders_due,
    still_in_role,
    unsent_cancellations,
    unsent_confirmations,
    unsent_waitlist_offers,
)
from mentoring.selectors.waitlist import waitlist_offers

Status = Booking.Status


def _invite(booking: Booking, *, method: str) -> tuple[str, bytes, str]:
    event = dataclasses.replace(
        booking_event(booking, cancelled=method == "CANCEL"),
        organizer_email=parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
    )
    return ("invite.ics", build_calendar([event], method=method), "text/calendar")


@dataclasses.dataclass(frozen=True)
class BookingEmail:
    template: str
    statuses: tuple[str, ...]  # the booking must still be in one of these
    invite: str = ""  # the METHOD of an attached calendar invite, if any
    # Confirmations and cancellations keep calendars right, so they reach someone who has
    # left their role too; reminders and feedback requests do not.
    to_leavers: bool = True


EMAILS = {
    "confirmation": BookingEmail("mentoring_booking_confirmed", (Status.BOOKED,), "REQUEST"),
    "cancellation": BookingEmail("mentoring_booking_cancelled", (Status.CANCELLED,), "CANCEL"),
    "reminder_24h": BookingEmail("mentoring_reminder", (Status.BOOKED,), to_leavers=False),
    "reminder_1h": BookingEmail("mentoring_reminder", (Status.BOOKED,), to_leavers=False),
    "feedback": BookingEmail("mentoring_feedback_request", Booking.ACTIVE, to_leavers=False),
}


def _booking(booking_id: int) -> Booking | None:
    return booking_queryset().filter(pk=booking_id).first()


def _send_booking_email(booking_id: int, email_name: str, context=None) -> None:
    """One copy to the fellow and one to the mentor, each worded for its reader and each
    claimed on its own: if the mentor's copy fails, the retry does not resend the fellow's."""
    email = EMAILS[email_name]
    booking = _booking(booking_id)
    if booking is None or booking.status not in email.statuses:
        return
    attachments = [_invite(booking, method=email.invite)] if email.invite else []
    staying = None if email.to_leavers else still_in_role(booking)
    sides = (("fellow", booking.fellow), ("mentor", booking.slot.mentor))
    for (role, person), field in zip(sides, EMAIL_CLAIMS[email_name], strict=True):
        claim = Booking.objects.filter(pk=booking_id, status__in=email.statuses)
        with send_once(claim, field) as won:
            # Someone who has left is passed over, and stays passed over.
            if won and (staying is None or role in staying):
                send_templated_email(
                    to=[person.email],
                    template=email.template,
                    context={"booking": booking, "role": role, "person": person, **(context or {})},
                    attachments=attachments,
                )


@shared_task(**EMAIL_TASK_OPTIONS)
def send_booking_confirmation(booking_id: int) -> None:
    _send_booking_email(booking_id, "confirmation")


@shared_task(**EMAIL_TASK_OPTIONS)
def send_booking_cancellation(booking_id: int) -> None:
    _send_booking_email(booking_id, "cancellation")


@shared_task(**EMAIL_TASK_OPTIONS)
def send_reminder(booking_id: int, kind: str) -> None:
    """`kind` is "24h" or "1h"."""
    if kind in REMINDERS:
        _send_booking_email(booking_id, f"reminder_{kind}")


@shared_task(**EMAIL_TASK_OPTIONS)
def send_feedback_request(booking_id: int) -> None:
    _send_booking_email(booking_id, "feedback")


@shared_task
def send_due_reminders() -> int:
    """Every few minutes (beat): the 24-hour and 1-hour reminders that are due."""
    now = timezone.now()
    count = 0
    for kind in REMINDERS:
        for booking_id in reminders_due(kind, now=now).values_list("pk", flat=True):
            enqueue(send_reminder, booking_id, kind)
            count += 1
    return count


@shared_task
def request_due_feedback() -> int:
    """After a session ends, ask both sides how it went (once)."""
    ids = list(feedback_due(now=timezone.now()).values_list("pk", flat=True))
    for booking_id in ids:
        enqueue(send_feedback_request, booking_id)
    return len(ids)


@shared_task
def sweep_unsent_emails() -> int:
    """Send again any confirmation, cancellation or waitlist offer whose task never ran
    (the broker was down)."""
    now = timezone.now()
    confirmations = list(unsent_confirmations(now=now).values_list("pk", flat=True))
    cancellations = list(unsent_cancellations(now=now).values_list("pk", flat=True))
    offers = list(unsent_waitlist_offers(now=now).values_list("pk", flat=True))
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
        waitlist_offers()
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
