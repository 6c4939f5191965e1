"""Demo learning sets for both cohorts. Idempotent."""

from cohorts.models import LearningSet, LearningSetMember

SET_NAMES = ["Thames", "Fleet", "Lea", "Wandle"]


def seed(world) -> None:
    for cohort in world.cohorts:
        fellows = world.fellows_of(cohort)
        for index, name in enumerate(SET_NAMES):
            facilitator = world.facilitators[index % len(world.facilitators)]
            learning_set, _ = LearningSet.objects.get_or_create(
                cohort=cohort, name=name, defaults={"facilitator": facilitator}
            )
            for fellow in fellows[index :: len(SET_NAMES)]:
                LearningSetMember.objects.get_or_create(
                    cohort=cohort, fellow=fellow, defaults={"learning_set": learning_set}
                )
