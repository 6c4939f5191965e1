"""The programme's mentoring rules, as every other read and write checks them."""

from accounts.models import Programme
from mentoring.models import MentoringRules


def rules_for(programme: Programme) -> MentoringRules:
    """The programme's rules, or the defaults (unsaved) until an adviser changes them."""
    found = MentoringRules.objects.filter(programme=programme).first()
    return found or MentoringRules(programme=programme)
