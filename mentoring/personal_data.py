"""The personal data mentoring holds: a mentor's profile and slots, bookings with their
feedback, and places on a waitlist."""

from core.personal_data import Holds

HOLDS = (
    Holds(
        "mentoring.MentorProfile",
        by={"user": {"organisation": "", "job_title": "", "bio": ""}},
    ),
    Holds("mentoring.Slot", by={"mentor": {}}),
    Holds(
        "mentoring.Booking",
        by={
            "fellow": {"agenda": "", "fellow_takeaway": "", "mentor_note": ""},
            "slot__mentor": {"mentor_note": ""},
            "cancelled_by": {},
        },
    ),
    # A place in a queue holds nobody's writing: it goes.
    Holds("mentoring.WaitlistEntry", by={"fellow": {}, "mentor": {}}, delete=True),
)
