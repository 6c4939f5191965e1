"""The adviser's uptake tables as a header and rows, for `core.csv.csv_response`."""

import datetime

from accounts.models import Cohort, Programme
from mentoring.selectors.uptake import uptake_by_fellow, uptake_by_mentor


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


TABLES = {"fellows": fellows_table, "mentors": mentors_table}
