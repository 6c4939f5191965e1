"""A cohort's learning sets, one row a fellow, with each set's facilitator."""

from django.db.models import F, OuterRef, Subquery

from accounts.models import Cohort
from cohorts.models import LearningSetMember
from cohorts.selectors.cohorts import cohort_fellows
from cohorts.selectors.learning_sets import learning_sets_of

HEADER = [
    "Learning set",
    "Facilitator",
    "Facilitator email",
    "Fellow",
    "Email",
    "Job title",
    "Organisation",
]


def learning_sets_table(cohort: Cohort):
    sets = {learning_set.pk: learning_set for learning_set in learning_sets_of(cohort)}
    place = LearningSetMember.objects.filter(cohort_id=cohort.pk, fellow_id=OuterRef("user_id"))
    fellows = cohort_fellows(cohort).annotate(
        set_name=Subquery(place.values("learning_set__name")[:1])
    )
    # Set by set, then the fellows not in a set.
    fellows = fellows.order_by(F("set_name").asc(nulls_last=True), "user__name", "pk")

    def set_cells(learning_set) -> list:
        if learning_set is None:
            return ["Not in a set", "", ""]
        facilitator = learning_set.facilitator
        return [
            learning_set.name,
            facilitator.name if facilitator else "",
            facilitator.email if facilitator else "",
        ]

    def rows():
        placed = set()
        for membership in fellows.iterator(chunk_size=500):
            placed.add(membership.set_id)
            yield [
                *set_cells(sets.get(membership.set_id)),
                membership.user.name,
                membership.user.email,
                membership.job_title,
                membership.organisation,
            ]
        for pk, learning_set in sets.items():  # sets with nobody in them yet
            if pk not in placed:
                yield [*set_cells(learning_set), "", "", "", ""]

    return HEADER, rows()
