"""The adviser's uptake tables as a header and rows, for `core.csv.csv_response`."""

import datetime

from accounts.models import Cohort, Programme
from core.clock import LONDON
from mentoring.selectors.uptake import bookings_of_programme, uptake_by_fellow, uptake_by_mentor


def fellows_table(programme: Programme, cohort: Cohort | None, now: datetime.datetime):
    header = [
        "Fellow",
        "Email",
        "Cohort",
        "Booked",
        "Held",
        "Did not attend",
        "Cancelled",
        "Mentors met",
    ]
    rows = (
        [
            row.user.name,
            row.user.email,
            row.cohort.name,
            row.booked,
            row.held,
            row.no_shows,
            row.cancelled,
            row.mentors_met,
        ]
        for row in uptake_by_fellow(programme, cohort).iterator()
    )
    return header, rows


def mentors_table(programme: Programme, cohort: Cohort | None, now: datetime.datetime):
    header = [
        "Mentor",
        "Email",
        "Slots offered",
        "Unused slots",
        "Booked",
        "Held",
        "Did not attend",
        "Ratings",
        "Mean rating",
    ]
    rows = (
        [
            row.user.name,
            row.user.email,
            row.offered,
            row.unused,
            row.booked,
            row.held,
            row.no_shows,
            row.ratings,
            "" if row.mean_rating is None else f"{row.mean_rating:.1f}",
        ]
        for row in uptake_by_mentor(programme, cohort, now=now)
    )
    return header, rows


def _london(instant: datetime.datetime | None) -> str:
    return "" if instant is None else f"{instant.astimezone(LONDON):%Y-%m-%d %H:%M}"


def bookings_table(programme: Programme, cohort: Cohort | None, now: datetime.datetime):
    """One row a booking, times in UK time as the pages show them."""
    header = [
        "Starts (UK time)",
        "Ends (UK time)",
        "Mentor",
        "Mentor email",
        "Fellow",
        "Fellow email",
        "Cohort",
        "Status",
        "Booked on (UK time)",
        "Cancelled on (UK time)",
        "Cancelled by",
        "Rating",
    ]
    rows = (
        [
            _london(booking.starts_at),
            _london(booking.ends_at),
            booking.slot.mentor.name,
            booking.slot.mentor.email,
            booking.fellow.name,
            booking.fellow.email,
            booking.cohort.name,
            booking.get_status_display(),
            _london(booking.created),
            _london(booking.cancelled_at),
            booking.cancelled_by.name if booking.cancelled_by else "",
            "" if booking.fellow_rating is None else booking.fellow_rating,
        ]
        for booking in bookings_of_programme(programme, cohort).iterator(chunk_size=2000)
    )
    return header, rows


TABLES = {"fellows": fellows_table, "mentors": mentors_table, "bookings": bookings_table}
