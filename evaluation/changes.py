"""What each write to a framework, a wave or its answers changes."""

from accounts.changes import in_cohort
from accounts.models import Membership, Programme, Role
from core.changes import Places, watch
from evaluation.models import (
    AdviserRating,
    Answer,
    Domain,
    Framework,
    Indicator,
    LookingBack,
    Response,
    Score,
    Wave,
)


def framework_places(framework_id) -> Places:
    # The default framework (no programme) words every programme's reports.
    programme_id = (
        Framework.objects.filter(pk=framework_id).values_list("programme_id", flat=True).first()
    )
    if programme_id is None:
        return Places(programmes=set(Programme.objects.values_list("pk", flat=True)))
    return Places(programmes={programme_id})


def _wave(wave) -> Places:
    # The header offers a fellow the wave open today: their own stamps move too.
    fellows = Membership.objects.filter(cohort_id=wave.cohort_id, role=Role.FELLOW)
    return in_cohort()(wave) | Places(users=set(fellows.values_list("user_id", flat=True)))


def connect() -> None:
    watch(Framework, lambda framework: framework_places(framework.pk))
    watch(Domain, lambda domain: framework_places(domain.framework_id))
    watch(
        Indicator,
        lambda indicator: framework_places(
            Domain.objects.filter(pk=indicator.domain_id).values("framework_id")[:1]
        ),
    )
    watch(Wave, _wave)
    for model in (AdviserRating, Score):
        watch(model, in_cohort(Wave, "wave_id", "cohort"))
    watch(Response, in_cohort(Wave, "wave_id", "cohort"))
    for model in (Answer, LookingBack):
        watch(model, in_cohort(Response, "response_id", "wave__cohort"))


def of_wave(wave: Wave) -> Places:
    """For services that write a wave's rows in bulk (no signals)."""
    return Places(cohorts={(wave.cohort.programme_id, wave.cohort_id)})
