"""Wall-clock times in Europe/London, turned into UTC without surprises.

Slots and sessions are entered as a London date and time. Around the clock changes some
times do not exist (01:30 on the last Sunday of March) and some happen twice
(01:30 on the last Sunday of October); those get a clear message rather than
a silent guess.
"""

import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils.formats import date_format

LONDON = ZoneInfo("Europe/London")


def _describe(day: datetime.date, time: datetime.time) -> str:
    return f"{time:%H:%M} on {date_format(day, 'j F Y')}"


def london_to_utc(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """The UTC instant of a London wall-clock time; refuses missing or doubled times."""
    naive = datetime.datetime.combine(day, time)
    first = naive.replace(tzinfo=LONDON, fold=0)
    instant = first.astimezone(datetime.UTC)
    if instant.astimezone(LONDON).replace(tzinfo=None) != naive:
        raise ValidationError(
            f"{_describe(day, time)} does not exist because the clocks go forward. "
            "Choose a time outside 1am to 2am that night."
        )
    if first.utcoffset() != naive.replace(tzinfo=LONDON, fold=1).utcoffset():
        raise ValidationError(
            f"{_describe(day, time)} happens twice because the clocks go back. "
            "Choose a time outside 1am to 2am that night."
        )
    return instant


def london_span(
    day: datetime.date, time: datetime.time, minutes: int
) -> tuple[datetime.datetime, datetime.datetime]:
    """Start and end in UTC of `minutes` from a London wall-clock time on `day`.

    A span that crosses a clock change would not last as long as it says on
    the clock, so it is refused.
    """
    starts_at = london_to_utc(day, time)
    wall_end = datetime.datetime.combine(day, time) + datetime.timedelta(minutes=minutes)
    ends_at = london_to_utc(wall_end.date(), wall_end.time())
    if ends_at - starts_at != datetime.timedelta(minutes=minutes):
        raise ValidationError(
            f"From {_describe(day, time)}, {minutes} minutes would cross the clock change. "
            "Choose a time outside 1am to 2am that night."
        )
    return starts_at, ends_at


def london_month(instant: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """The UTC bounds [start, end) of the London calendar month containing `instant`."""
    local = instant.astimezone(LONDON)
    first = local.date().replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    midnight = datetime.time(0, 0)
    return london_to_utc(first, midnight), london_to_utc(following, midnight)
