"""Waiting for a full mentor, and offering the places that come free."""

import copy
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import Programme, User
from audit import services as audit
from audit.models import Action
from core.changes import Places, record
from core.mail import enqueue
from mentoring.models import MentorProfile, WaitlistEntry
from mentoring.selectors.slots import bookable_slots, free_slots_of
from mentoring.selectors.waitlist import next_in_line, waiting_entry
from mentoring.services.common import _booking_cohort, _check_mentor_active, _clean, _insert, _now

WAITLIST_DAYS = 30


def _waitlist_offer(
    mentor_id: int, programme_id: int, places: int, now, *, not_to: int | None = None
) -> None:
    """Offer up to `places` bookable slots of the mentor to the first fellows in line.

    The offers are stamped in this transaction and emailed after it commits; if that
    email never leaves (the broker was down), `tasks.sweep_unsent_emails` sends it.
    Fellows are offered a place, never booked. `not_to` is the fellow who has just given
    the place up: offering it back to them would waste it.
    """
    programme = Programme.objects.get(pk=programme_id)
    free = bookable_slots(programme, now=now).filter(mentor_id=mentor_id).count()
    # Skip entries another transaction is offering at this moment: each place goes once.
    entries = list(
        next_in_line(mentor_id=mentor_id, programme_id=programme_id, now=now)
        .exclude(fellow_id=not_to)
        .select_for_update(skip_locked=True)[: min(places, free)]
    )
    WaitlistEntry.objects.filter(pk__in=[entry.pk for entry in entries]).update(offered_at=now)
    record(Places(programmes={programme_id}))
    # One update sends no signal: the offers go on the audit trail in one insert.
    pairs = []
    for entry in entries:
        before = copy.copy(entry)
        entry.offered_at = now
        pairs.append((before, entry))
    audit.changes_record(action=Action.UPDATE, pairs=pairs)
    for entry in entries:
        enqueue("mentoring.tasks.send_waitlist_offer", entry.pk)


@transaction.atomic
def waitlist_join(
    *, profile: MentorProfile, fellow: User, now: datetime.datetime | None = None
) -> WaitlistEntry:
    """Wait for a full mentor; the first in line is emailed when a slot comes free."""
    now = _now(now)
    _booking_cohort(fellow, profile.programme_id)
    _check_mentor_active(profile.user, profile.programme_id)
    if free_slots_of(profile, now=now).exists():
        raise ValidationError(f"{profile.user.name} has free slots. Book one of those instead.")
    if waiting_entry(mentor=profile.user, fellow=fellow, programme=profile.programme, now=now):
        raise ValidationError(f"You are already on {profile.user.name}'s waitlist.")
    # An entry that ran out starts again at the back of the line.
    WaitlistEntry.objects.filter(
        mentor=profile.user,
        fellow=fellow,
        programme=profile.programme,
        notified_at__isnull=True,
        expires_at__lte=now,
    ).delete()
    entry = WaitlistEntry(
        mentor=profile.user,
        fellow=fellow,
        programme=profile.programme,
        expires_at=now + datetime.timedelta(days=WAITLIST_DAYS),
    )
    _clean(entry)
    _insert(entry, f"You are already on {profile.user.name}'s waitlist.")
    return entry


def waitlist_leave(*, entry: WaitlistEntry) -> None:
    entry.delete()
