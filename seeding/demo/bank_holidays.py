"""England and Wales bank holidays for the demo's years (from GOV.UK), so the demo
timetable never puts a session on one. Extend the table when the demo's dates pass it;
`tests/test_demo.py` fails when they do."""

import datetime

_DATES = {
    2024: ["01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"],
    2025: ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"],
    2026: ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"],
    2027: ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"],
    2028: ["01-03", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26"],
    2029: ["01-01", "03-30", "04-02", "05-07", "05-28", "08-27", "12-25", "12-26"],
}
YEARS = frozenset(_DATES)
BANK_HOLIDAYS = frozenset(
    datetime.date.fromisoformat(f"{year}-{day}") for year, days in _DATES.items() for day in days
)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in BANK_HOLIDAYS
