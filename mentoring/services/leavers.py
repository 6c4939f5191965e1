"""When someone leaves: their sessions still to come are cancelled."""

import datetime
from collections import Counter

from django.db import transaction

from accounts.models import Membership, Role, User
from mentoring.models import Booking, WaitlistEntry
from mentoring.selectors.bookings import upcoming_bookings_of
from mentoring.services.bookings import _mark_cancelled
from mentoring.services.common import _now
from mentoring.services.waitlist import _waitlist_offer


@transaction.atomic
def bookings_cancel_for_leaver(
    *, membership: Membership, by: User, now: datetime.datetime | None = None
) -> list[Booking]:
    """A mentor leaves a programme or a fellow a cohort: their sessions still to come are
    cancelled and both sides told, as for any cancellation. Fellows waiting for a mentor
    who left are taken off the list; slots a fellow who left had booked are offered to
    those waiting."""
    now = _now(now)
    cancelled = list(
        upcoming_bookings_of(membership, now=now)
        .select_related("slot")
        .select_for_update(of=("self",))
        .order_by("starts_at", "pk")
    )
    for booking in cancelled:
        _mark_cancelled(booking, by=by, now=now)
    if membership.role == Role.MENTOR:
        WaitlistEntry.objects.filter(
            mentor_id=membership.user_id,
            programme_id=membership.programme_id,
            notified_at__isnull=True,
        ).delete()
    if membership.role == Role.FELLOW:
        freed = Counter(booking.slot.mentor_id for booking in cancelled)
        for mentor_id, places in freed.items():
            _waitlist_offer(mentor_id, membership.programme_id, places, now)
    return cancelled
