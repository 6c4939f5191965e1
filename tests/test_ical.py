from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from core.ical import CalendarEvent, build_calendar, uid_for

LONDON = ZoneInfo("Europe/London")


def test_event_keeps_its_london_wall_clock_time_across_the_clock_change():
    # 10:00 in London on the Monday after the clocks go back (BST -> GMT).
    start = datetime(2026, 10, 26, 10, 0, tzinfo=LONDON)
    end = datetime(2026, 10, 26, 11, 0, tzinfo=LONDON)
    event = CalendarEvent(uid=uid_for("session", 7), start=start, end=end, summary="Teaching day")

    document = Calendar.from_ical(build_calendar([event]))

    vevent = document.walk("VEVENT")[0]
    assert vevent["UID"] == "session-7@pioneer.invalid"
    assert vevent.decoded("DTSTART").hour == 10
    assert str(vevent.decoded("DTSTART").tzinfo) == "Europe/London"
    assert document.walk("VTIMEZONE")[0]["TZID"] == "Europe/London"


def test_cancel_invite_carries_method_and_sequence():
    start = datetime(2026, 3, 30, 9, 0, tzinfo=LONDON)
    event = CalendarEvent(
        uid=uid_for("booking", 3),
        start=start,
        end=start.replace(hour=9, minute=30),
        summary="Mentoring",
        sequence=2,
        cancelled=True,
    )

    document = Calendar.from_ical(build_calendar([event], method="CANCEL"))

    assert document["METHOD"] == "CANCEL"
    vevent = document.walk("VEVENT")[0]
    assert vevent["SEQUENCE"] == 2
    assert vevent["STATUS"] == "CANCELLED"
