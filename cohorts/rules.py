"""Who may do what with cohorts, timetables, attendance, learning sets and interviews.

Learning-set meetings are seen only by the set's members, its facilitator and
the programme's advisers; the selectors mirror these rules for lists.
"""

import rules

from accounts.roles import roles_of
from accounts.rules import (
    is_cohort_fellow,
    is_cohort_member,
    is_programme_adviser,
)
from cohorts.models import LearningSetMember


@rules.predicate
def is_set_facilitator(user, learning_set) -> bool:
    """Facilitates this set, and is still a facilitator of its cohort."""
    return (
        learning_set.facilitator_id == user.pk
        and learning_set.cohort_id in roles_of(user).facilitator_cohorts
    )


@rules.predicate
def is_set_member(user, learning_set) -> bool:
    """An active fellow of the cohort placed in this set."""
    return (
        learning_set.cohort_id in roles_of(user).fellow_cohorts
        and LearningSetMember.objects.filter(learning_set=learning_set, fellow=user).exists()
    )


@rules.predicate
def facilitates_fellow(user, obj) -> bool:
    """`obj` (anything with `cohort_id` and `fellow_id`, such as a project) belongs to a
    fellow in one of the person's learning sets. For other apps' rules."""
    cohort_id = getattr(obj, "cohort_id", None)
    return (
        cohort_id in roles_of(user).facilitator_cohorts
        and LearningSetMember.objects.filter(
            cohort_id=cohort_id, fellow_id=obj.fellow_id, learning_set__facilitator=user
        ).exists()
    )


@rules.predicate
def is_meeting(user, session) -> bool:
    return session.learning_set_id is not None


@rules.predicate
def facilitates_meeting(user, session) -> bool:
    return session.learning_set_id is not None and is_set_facilitator(user, session.learning_set)


@rules.predicate
def attends_meeting(user, session) -> bool:
    return session.learning_set_id is not None and is_set_member(user, session.learning_set)


@rules.predicate
def is_interviewed_fellow(user, interview) -> bool:
    return interview.fellow_id == user.pk


can_view_session = (
    is_programme_adviser | (~is_meeting & is_cohort_member) | facilitates_meeting | attends_meeting
)
can_run_session = is_programme_adviser | facilitates_meeting

# Cohorts (the model lives in accounts; cohort writes are this app's views).
rules.add_perm("cohorts.manage_cohort", is_programme_adviser)

# Timetable and attendance.
rules.add_perm("cohorts.add_session", is_programme_adviser)
rules.add_perm("cohorts.view_session", can_view_session)
rules.add_perm("cohorts.change_session", can_run_session)
rules.add_perm("cohorts.take_attendance", can_run_session)
rules.add_perm("cohorts.view_attendance_summary", is_programme_adviser)
# Exports are the programme's advisers' alone (PRODUCT.md: reports and exports).
rules.add_perm("cohorts.export_attendance", is_programme_adviser)

# Learning sets.
rules.add_perm(
    "cohorts.view_learning_set", is_programme_adviser | is_set_facilitator | is_set_member
)
rules.add_perm("cohorts.change_learning_set", is_programme_adviser)
rules.add_perm("cohorts.schedule_meeting", is_programme_adviser | is_set_facilitator)

# Intake interviews and themes. Fellows read their own agreed goals, nothing else.
rules.add_perm("cohorts.record_interview", is_programme_adviser)
rules.add_perm(
    "cohorts.view_goals", is_programme_adviser | (is_interviewed_fellow & is_cohort_fellow)
)
rules.add_perm("cohorts.change_theme", is_programme_adviser)

# People: members of a cohort may know who else is in it; only advisers change that.
rules.add_perm("cohorts.view_membership", is_cohort_member)
