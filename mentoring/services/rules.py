"""An adviser changes the programme's mentoring rules."""

from django.db import transaction

from accounts.models import Programme
from mentoring.models import MentoringRules
from mentoring.services.common import _clean


@transaction.atomic
def mentoring_rules_update(*, programme: Programme, **values) -> MentoringRules:
    rules, _ = MentoringRules.objects.select_for_update().get_or_create(programme=programme)
    for name, value in values.items():
        setattr(rules, name, value)
    _clean(rules)
    rules.save()
    return rules
