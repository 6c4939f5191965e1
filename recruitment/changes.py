"""What each write to a recruitment round changes (core.changes): every row belongs to one
round, found through its application, review or form. Round pages show people's names and
their cohort's, so writes to those move the rounds that show them too."""

from django.db.models import Q

from accounts.models import Cohort, Membership, Programme, User
from core.changes import NOWHERE, Places, parent_values, watch
from recruitment.models import (
    Answer,
    Application,
    ApplicationForm,
    ConflictDeclaration,
    Criterion,
    DecisionRecord,
    EmailTemplate,
    EqualityResponse,
    InterviewBooking,
    InterviewChange,
    InterviewInvitation,
    InterviewScore,
    InterviewSlot,
    Offer,
    Question,
    Review,
    ReviewAssignment,
    Round,
    Score,
    SupportRequest,
    UnsuccessfulEmail,
)


def rounds_places(queryset) -> Places:
    return Places(rounds=set(queryset.values_list("pk", flat=True)))


def _own_round(instance) -> Places:
    return Places(rounds={instance.round_id})


def _through(model, fk: str, path: str, reviewer: bool = False):
    """Places of a row whose round is found from the `model` row whose id it holds in
    `fk`, along `path`; with its reviewer's own stamp when `reviewer`."""

    def places(instance) -> Places:
        row = parent_values(instance, model, fk, path)
        found = Places(rounds={row[0]}) if row and row[0] else NOWHERE
        if reviewer:
            found = found | Places(users={instance.reviewer_id})
        return found

    return places


_reviewed = _through(Application, "application_id", "round_id", reviewer=True)


def _form_rounds(form_id) -> Places:
    return rounds_places(Round.objects.filter(form_id=form_id))


def _person(user) -> Places:
    # Ranking tables name applicants and reviewers, decisions name the adviser.
    return rounds_places(
        Round.objects.filter(
            Q(applications__applicant_id=user.pk)
            | Q(applications__decided_by_id=user.pk)
            | Q(applications__assignments__reviewer_id=user.pk)
        ).distinct()
    )


def _cohort_member(membership) -> Places:
    # The EDI summary counts the fellows of the round's cohort as accepted, however they
    # joined it (an offer, an invitation, the admin).
    if membership.cohort_id is None:
        return NOWHERE
    return rounds_places(Round.objects.filter(cohort_id=membership.cohort_id))


def connect() -> None:
    watch(Round, lambda round_: Places(rounds={round_.pk}))
    for model in (Application, Criterion, InterviewSlot, EmailTemplate):
        watch(model, _own_round)
    in_application = _through(Application, "application_id", "round_id")
    for model in (
        Answer,
        SupportRequest,
        EqualityResponse,
        DecisionRecord,
        InterviewInvitation,
        InterviewBooking,
        InterviewScore,
        InterviewChange,
        Offer,
        UnsuccessfulEmail,
    ):
        watch(model, in_application)
    watch(ReviewAssignment, _reviewed)
    watch(ConflictDeclaration, _reviewed)
    watch(Review, _through(ReviewAssignment, "assignment_id", "application__round_id"))
    watch(Score, _through(Review, "review_id", "assignment__application__round_id"))
    watch(ApplicationForm, lambda form: _form_rounds(form.pk))
    watch(Question, lambda question: _form_rounds(question.form_id))
    watch(User, _person)
    watch(Membership, _cohort_member)
    watch(Cohort, lambda cohort: rounds_places(Round.objects.filter(cohort_id=cohort.pk)))
    watch(Programme, lambda p: rounds_places(Round.objects.filter(cohort__programme_id=p.pk)))
