"""Emails that are due, and who should still get them."""

import datetime

from django.db.models import Q, QuerySet

from accounts.models import Membership, Role
from mentoring.models import Booking, WaitlistEntry
from mentoring.selectors.waitlist import waitlist_offers

Status = Booking.Status
ACTIVE = Booking.ACTIVE
FEEDBACK_WINDOW = datetime.timedelta(days=7)

# Each email about a booking: the fields that claim the fellow's and the mentor's copy.
EMAIL_CLAIMS = {
    "confirmation": ("confirmation_sent_at", "confirmation_mentor_sent_at"),
    "cancellation": ("cancellation_sent_at", "cancellation_mentor_sent_at"),
    "reminder_24h": ("reminder_24h_sent_at", "reminder_24h_mentor_sent_at"),
    "reminder_1h": ("reminder_1h_sent_at", "reminder_1h_mentor_sent_at"),
    "feedback": ("feedback_requested_at", "feedback_mentor_requested_at"),
}

REMINDERS = {
    # kind: (how long before the start it is due, when it is too late)
    "24h": (datetime.timedelta(hours=24), datetime.timedelta(hours=1)),
    "1h": (datetime.timedelta(hours=1), datetime.timedelta(0)),
}


def still_in_role(booking: Booking) -> set[str]:
    """ "fellow" and/or "mentor": which sides of a booking still hold their role."""
    return set(
        Membership.objects.filter(
            Q(role=Role.FELLOW, user_id=booking.fellow_id, cohort_id=booking.cohort_id)
            | Q(
                role=Role.MENTOR,
                user_id=booking.slot.mentor_id,
                programme_id=booking.slot.programme_id,
                cohort__isnull=True,
            ),
            is_active=True,
        ).values_list("role", flat=True)
    )


def _unsent(email: str) -> Q:
    """A copy of `email` has not been sent yet, to the fellow or to the mentor."""
    fellow, mentor = EMAIL_CLAIMS[email]
    return Q(**{f"{fellow}__isnull": True}) | Q(**{f"{mentor}__isnull": True})


def reminders_due(kind: str, *, now: datetime.datetime) -> QuerySet[Booking]:
    before, too_late = REMINDERS[kind]
    return Booking.objects.filter(
        _unsent(f"reminder_{kind}"),
        status=Status.BOOKED,
        starts_at__lte=now + before,
        starts_at__gt=now + too_late,
    )


def feedback_due(*, now: datetime.datetime) -> QuerySet[Booking]:
    return Booking.objects.filter(
        _unsent("feedback"),
        status__in=ACTIVE,
        ends_at__lte=now,
        ends_at__gt=now - FEEDBACK_WINDOW,
    )


def unsent_confirmations(*, now: datetime.datetime) -> QuerySet[Booking]:
    return Booking.objects.filter(
        _unsent("confirmation"),
        status=Status.BOOKED,
        created__lt=now - datetime.timedelta(minutes=15),
        starts_at__gt=now,
    )


def unsent_waitlist_offers(*, now: datetime.datetime) -> QuerySet[WaitlistEntry]:
    """Offers whose email task never ran (say, the broker was down)."""
    return waitlist_offers().filter(
        offered_at__lt=now - datetime.timedelta(minutes=15), expires_at__gt=now
    )


def unsent_cancellations(*, now: datetime.datetime) -> QuerySet[Booking]:
    return Booking.objects.filter(
        _unsent("cancellation"),
        status=Status.CANCELLED,
        cancelled_at__lt=now - datetime.timedelta(minutes=15),
        starts_at__gt=now,
    )
