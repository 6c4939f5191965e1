"""iCalendar documents for calendar feeds and email invites.

Times are written in Europe/London with a VTIMEZONE, so Outlook and Google
Calendar show the wall-clock time the programme chose, across clock changes.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from core.clock import LONDON

PRODID = "-//Pioneer//Fellowship programme//EN"


@dataclass(frozen=True)
class CalendarEvent:
    """One event. `uid` must never change for the same thing; bump `sequence` on edits."""

    uid: str
    start: datetime
    end: datetime
    summary: str
    sequence: int = 0
    location: str = ""
    description: str = ""
    url: str = ""
    cancelled: bool = False
    organizer_email: str = ""
    attendee_emails: tuple[str, ...] = ()


def uid_for(kind: str, pk: int) -> str:
    """A stable UID such as `session-12@pioneer` (the domain keeps it globally unique)."""
    return f"{kind}-{pk}@{settings.PIONEER_UID_DOMAIN}"


def build_calendar(
    events: Iterable[CalendarEvent], *, name: str = "Pioneer", method: str | None = None
) -> bytes:
    """An RFC 5545 document; `method` is REQUEST or CANCEL for invites, None for feeds."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    if method:
        calendar.add("method", method)
    stamp = timezone.now()
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("sequence", item.sequence)
        event.add("dtstart", item.start.astimezone(LONDON))
        event.add("dtend", item.end.astimezone(LONDON))
        event.add("summary", item.summary)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        if item.location:
            event.add("location", item.location)
        if item.description:
            event.add("description", item.description)
        if item.url:
            event.add("url", item.url)
        if item.organizer_email:
            event.add("organizer", f"mailto:{item.organizer_email}")
        for email in item.attendee_emails:
            event.add("attendee", f"mailto:{email}")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
