"""Waitlists: a fellow's place in line, who is next, and the offers made."""

from django.db.models import QuerySet

from mentoring.models import WaitlistEntry


def waiting_entry(*, mentor, fellow, programme, now) -> WaitlistEntry | None:
    return WaitlistEntry.objects.filter(
        mentor=mentor,
        fellow=fellow,
        programme=programme,
        notified_at__isnull=True,
        expires_at__gt=now,
    ).first()


def next_in_line(*, mentor_id: int, programme_id: int, now) -> QuerySet[WaitlistEntry]:
    """Fellows still waiting for this mentor and not yet offered a place, first come first."""
    return WaitlistEntry.objects.filter(
        mentor_id=mentor_id,
        programme_id=programme_id,
        offered_at__isnull=True,
        notified_at__isnull=True,
        expires_at__gt=now,
    ).order_by("created", "pk")


def waitlist_offers() -> QuerySet[WaitlistEntry]:
    """Entries offered a place whose email has not gone yet."""
    return WaitlistEntry.objects.filter(offered_at__isnull=False, notified_at__isnull=True)
