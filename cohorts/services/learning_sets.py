"""Learning sets: making them one at a time or a whole split, and changing them."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import Cohort, Membership, Role, User
from audit import services as audit
from audit.models import Action
from cohorts.models import LearningSet, LearningSetMember
from core.changes import Places, record
from core.db import refused_on_conflict

# A learning set works with 4 to 8 fellows; outside that the adviser must confirm.
SET_SIZE_MIN = 4
SET_SIZE_MAX = 8


@dataclass(frozen=True)
class NewSet:
    name: str
    facilitator: User | None
    fellows: Sequence[User] = field(default_factory=tuple)


def _check_people(cohort: Cohort, facilitator: User | None, fellows: Iterable[User]) -> None:
    active = Membership.objects.filter(cohort=cohort, is_active=True)
    fellow_ids = {fellow.pk for fellow in fellows}
    known = set(
        active.filter(role=Role.FELLOW, user_id__in=fellow_ids).values_list("user_id", flat=True)
    )
    if len(known) != len(fellow_ids):
        raise ValidationError("Everyone in a learning set must be a fellow of its cohort.")
    if (
        facilitator is not None
        and not active.filter(role=Role.FACILITATOR, user=facilitator).exists()
    ):
        raise ValidationError("The facilitator must be a facilitator of this cohort.")


def _place_fellows(learning_set: LearningSet, fellows: Iterable[User]) -> None:
    taken = (
        "A fellow can be in only one learning set in a cohort; someone chosen has just "
        "been placed in another set."
    )
    with refused_on_conflict(taken):
        made = LearningSetMember.objects.bulk_create(
            LearningSetMember(learning_set=learning_set, cohort=learning_set.cohort, fellow=f)
            for f in fellows
        )
    record(Places(cohorts={(learning_set.cohort.programme_id, learning_set.cohort_id)}))
    # One insert sends no signal: the trail is written here.
    audit.changes_record(action=Action.CREATE, pairs=[(None, member) for member in made])


@transaction.atomic
def learning_set_create(
    *, cohort: Cohort, name: str, facilitator: User | None, fellows: Sequence[User]
) -> LearningSet:
    _check_people(cohort, facilitator, fellows)
    learning_set = LearningSet(cohort=cohort, name=name.strip(), facilitator=facilitator)
    learning_set.full_clean()
    learning_set.save()
    _place_fellows(learning_set, fellows)
    return learning_set


@transaction.atomic
def learning_set_update(
    *, learning_set: LearningSet, name: str, facilitator: User | None, fellows: Sequence[User]
) -> LearningSet:
    """Rename the set, change its facilitator and replace its members."""
    _check_people(learning_set.cohort, facilitator, fellows)
    learning_set.name, learning_set.facilitator = name.strip(), facilitator
    learning_set.full_clean()
    learning_set.save()
    wanted = {fellow.pk for fellow in fellows}
    learning_set.members.exclude(fellow_id__in=wanted).delete()
    staying = set(learning_set.members.values_list("fellow_id", flat=True))
    _place_fellows(learning_set, [fellow for fellow in fellows if fellow.pk not in staying])
    return learning_set


@transaction.atomic
def learning_sets_create(*, cohort: Cohort, sets: Sequence[NewSet]) -> list[LearningSet]:
    """Save a whole split at once: every set is made, or none is."""
    return [
        learning_set_create(
            cohort=cohort, name=new.name, facilitator=new.facilitator, fellows=new.fellows
        )
        for new in sets
    ]
