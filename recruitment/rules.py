"""Who may do what in recruitment.

Advisers run the rounds of their own programme's cohorts; an applicant sees only their own
application; a line manager has no account and reaches their support request by link alone.
The reviewers' and offers' rules sit in their own sections below.
"""

import rules

from accounts.roles import roles_of
from recruitment.models import (
    Answer,
    Application,
    ApplicationForm,
    Criterion,
    EqualityResponse,
    InterviewSlot,
    Question,
    ReviewAssignment,
    Round,
    SupportRequest,
)


def programme_id_of(obj) -> int | None:
    """The programme of a round, or of anything that hangs on one or on a form."""
    if isinstance(obj, (SupportRequest, EqualityResponse, Answer, ReviewAssignment)):
        obj = obj.application
    if isinstance(obj, (Application, Criterion, InterviewSlot)):
        obj = obj.round
    if isinstance(obj, Round):
        return obj.cohort.programme_id
    if isinstance(obj, Question):
        obj = obj.form
    if isinstance(obj, ApplicationForm):
        return obj.programme_id
    return None


@rules.predicate
def is_round_adviser(user, obj) -> bool:
    """Advises the programme whose cohort the round (or form, application...) is for."""
    return obj is not None and programme_id_of(obj) in roles_of(user).adviser_programmes


@rules.predicate
def is_applicant(user, application) -> bool:
    """The application is the person's own."""
    return application is not None and application.applicant_id == user.pk


# Rounds, forms and questions: the programme's advisers alone.
rules.add_perm("recruitment.manage_round", is_round_adviser)
rules.add_perm("recruitment.manage_form", is_round_adviser)
rules.add_perm("recruitment.view_equality_summary", is_round_adviser)

# Applications: the applicant's own, and the advisers of the round.
rules.add_perm("recruitment.view_application", is_round_adviser | is_applicant)
rules.add_perm("recruitment.change_application", is_applicant)

# Review (assignments, reviews, ranking, decisions).


@rules.predicate
def is_assigned_reviewer(user, assignment) -> bool:
    """The reviewer of this assignment, still a reviewer of the round's cohort."""
    return (
        assignment.reviewer_id == user.pk
        and assignment.application.round.cohort_id in roles_of(user).reviewer_cohorts
    )


@rules.predicate
def is_reviewer_anywhere(user) -> bool:
    return roles_of(user).is_reviewer


rules.add_perm("recruitment.manage_reviews", is_round_adviser)
rules.add_perm("recruitment.review_application", is_assigned_reviewer)
rules.add_perm("recruitment.review_anything", is_reviewer_anywhere)


# Interviews and offers: the round's advisers run them (they are the panel); the applicant
# books their own interview. An offer is answered by its emailed link, not by a permission.
rules.add_perm("recruitment.run_interviews", is_round_adviser)
rules.add_perm("recruitment.remove_interview_slot", is_round_adviser)
rules.add_perm("recruitment.score_interview", is_round_adviser)
rules.add_perm("recruitment.book_interview", is_applicant)
rules.add_perm("recruitment.make_offers", is_round_adviser)
