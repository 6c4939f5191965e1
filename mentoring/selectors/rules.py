"""The programme's mentoring rules, as every other read and write checks them."""

from accounts.models import Programme
from mentoring.models import MentoringRules


def rules_for(programme: Programme) -> MentoringRules:
    """The programme's rules, or the defaults (unsaved) until an adviser changes them."""
    found = MentoringRules.objects.filter(programme=programme).first()
    return found or MentoringRules(programme=programme)


def bookings_close_message(rules: MentoringRules) -> str:
    """Why a slot inside the notice period cannot be booked, in the programme's own hours."""
    return f"Bookings close {rules.min_notice_hours} hours before a session."
