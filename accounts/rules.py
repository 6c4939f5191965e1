"""Who may do what with programmes, cohorts and invitations.

The predicates here take any object that belongs to a programme or cohort
(a Programme, a Cohort, or anything with a `cohort` or `programme`), so the
other apps build their own rules from them.
"""

import rules

from accounts.models import Cohort, Programme
from accounts.roles import roles_of


def programme_id_of(obj) -> int | None:
    if obj is None:
        return None
    if isinstance(obj, Programme):
        return obj.pk
    if isinstance(obj, Cohort):
        return obj.programme_id
    if getattr(obj, "programme_id", None) is not None:
        return obj.programme_id
    cohort = getattr(obj, "cohort", None)
    return cohort.programme_id if cohort is not None else None


def cohort_id_of(obj) -> int | None:
    if obj is None:
        return None
    if isinstance(obj, Cohort):
        return obj.pk
    return getattr(obj, "cohort_id", None)


@rules.predicate
def is_programme_adviser(user, obj) -> bool:
    return programme_id_of(obj) in roles_of(user).adviser_programmes


@rules.predicate
def is_programme_mentor(user, obj) -> bool:
    return programme_id_of(obj) in roles_of(user).mentor_programmes


@rules.predicate
def is_cohort_fellow(user, obj) -> bool:
    return cohort_id_of(obj) in roles_of(user).fellow_cohorts


@rules.predicate
def is_cohort_facilitator(user, obj) -> bool:
    return cohort_id_of(obj) in roles_of(user).facilitator_cohorts


@rules.predicate
def is_cohort_reviewer(user, obj) -> bool:
    return cohort_id_of(obj) in roles_of(user).reviewer_cohorts


@rules.predicate
def is_programme_member(user, obj) -> bool:
    return programme_id_of(obj) in roles_of(user).programmes


@rules.predicate
def is_adviser_anywhere(user) -> bool:
    return roles_of(user).is_adviser


@rules.predicate
def is_fellow_anywhere(user) -> bool:
    return roles_of(user).is_fellow


@rules.predicate
def is_mentor_anywhere(user) -> bool:
    return roles_of(user).is_mentor


is_cohort_member = (
    is_programme_adviser
    | is_programme_mentor
    | is_cohort_fellow
    | is_cohort_facilitator
    | is_cohort_reviewer
)

rules.add_perm("accounts.view_programme", is_programme_member)
rules.add_perm("accounts.manage_programme", is_programme_adviser)
rules.add_perm("accounts.view_cohort", is_cohort_member)
rules.add_perm("accounts.change_cohort", is_programme_adviser)
rules.add_perm("accounts.view_invitation", is_programme_adviser)
rules.add_perm("accounts.revoke_invitation", is_programme_adviser)
rules.add_perm("accounts.view_membership", is_programme_adviser)
rules.add_perm("accounts.change_membership", is_programme_adviser)
