"""Who may see and do what in the evaluation (PRODUCT.md's permission matrix).

Named answers, scores and reports: advisers of the programme. A fellow: their
own answers while they are a fellow of the cohort (changes only while the wave
is open, checked by the services) and their own scorecard. Nobody else.
"""

import rules

from accounts.models import Role
from accounts.roles import roles_of
from accounts.rules import (
    is_adviser_anywhere,
    is_cohort_fellow,
    is_programme_adviser,
)


def framework_of(obj):
    """The framework of a framework, domain or indicator."""
    if hasattr(obj, "domain"):
        obj = obj.domain
    return getattr(obj, "framework", obj)


@rules.predicate
def advises_framework(user, obj) -> bool:
    framework = framework_of(obj)
    if framework.programme_id is None:  # the default framework: every adviser may read it
        return roles_of(user).is_adviser
    return framework.programme_id in roles_of(user).adviser_programmes


@rules.predicate
def owns_framework(user, obj) -> bool:
    return framework_of(obj).programme_id in roles_of(user).adviser_programmes


@rules.predicate
def advises_wave_of(user, obj) -> bool:
    """For scores and the like: an adviser of the programme of `obj.wave`."""
    return is_programme_adviser(user, obj.wave)


@rules.predicate
def is_own_fellowship(user, membership) -> bool:
    """The membership is the person's own, active place as a fellow of the cohort."""
    return (
        membership.user_id == user.pk
        and membership.role == Role.FELLOW
        and membership.cohort_id in roles_of(user).fellow_cohorts
    )


@rules.predicate
def is_own_score(user, score) -> bool:
    return score.fellow_id == user.pk and score.wave.cohort_id in roles_of(user).fellow_cohorts


rules.add_perm("evaluation.view_evaluation", is_adviser_anywhere)
rules.add_perm("evaluation.manage_cohort", is_programme_adviser)
rules.add_perm("evaluation.manage_wave", is_programme_adviser)
rules.add_perm("evaluation.see_wave", is_programme_adviser | is_cohort_fellow)
rules.add_perm("evaluation.answer_wave", is_cohort_fellow)
rules.add_perm("evaluation.view_scorecard", is_programme_adviser | is_own_fellowship)
rules.add_perm("evaluation.view_score", advises_wave_of | is_own_score)
rules.add_perm("evaluation.view_framework", advises_framework)
rules.add_perm("evaluation.change_framework", owns_framework)
