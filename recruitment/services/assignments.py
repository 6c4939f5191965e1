"""Assigning reviewers to applications, by hand or suggested, and conflicts of interest."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from audit import services as audit
from audit.models import Action
from core.changes import Places, record
from core.db import refused_on_conflict
from core.mail import enqueue
from recruitment.models import (
    Application,
    ConflictDeclaration,
    Review,
    ReviewAssignment,
    Round,
    Score,
)
from recruitment.selectors import assignments as selectors

ALREADY_ASSIGNED = "This reviewer is already assigned to this application."


def _check_reviewer(application: Application, reviewer: User) -> None:
    if application.status != Application.Status.SUBMITTED:
        raise ValidationError("Only submitted applications are reviewed.")
    reviewers = list(selectors.round_reviewers(application.round).filter(user=reviewer))
    if not reviewers:
        raise ValidationError("Choose one of the round's reviewers.")
    conflicts = selectors.conflicts_in(application.round, reviewers, [application.pk])
    if conflicts.between(reviewer.pk, application.pk):
        raise ValidationError(
            f"{reviewer.name} has a conflict of interest with this application "
            "(a declared conflict, or the same organisation as the applicant)."
        )


@transaction.atomic
def assignment_create(*, application: Application, reviewer: User, by: User | None):
    """Assign `reviewer` to `application` by hand."""
    _check_reviewer(application, reviewer)
    if ReviewAssignment.objects.filter(application=application, reviewer=reviewer).exists():
        raise ValidationError(ALREADY_ASSIGNED)
    assignment = ReviewAssignment(application=application, reviewer=reviewer, assigned_by=by)
    assignment.full_clean(validate_constraints=False)
    with refused_on_conflict(ALREADY_ASSIGNED):
        assignment.save()
    return assignment


def _withdraw(assignment: ReviewAssignment) -> None:
    """Remove an assignment and its draft review: nobody's submitted review is lost."""
    review = Review.objects.select_for_update().filter(assignment=assignment).first()
    if review is not None:
        if review.submitted:
            raise ValidationError(
                "This reviewer has already submitted their review, so it stays on the record."
            )
        Score.objects.filter(review=review).delete()
        review.delete()
    assignment.delete()


@transaction.atomic
def assignment_remove(*, assignment: ReviewAssignment) -> None:
    _withdraw(assignment)


@transaction.atomic
def assignments_suggest(*, round_: Round, by: User | None) -> tuple[int, int]:
    """Give every submitted application of the round at least two reviewers, spreading the
    load evenly and avoiding conflicts. Returns (assignments made, applications that could
    not be given enough reviewers)."""
    # One suggestion at a time per round: a second click waits, then finds the work done.
    Round.objects.select_for_update().get(pk=round_.pk)
    reviewers = list(selectors.round_reviewers(round_))
    needing = list(
        selectors.assignment_overview(round_)
        .filter(assigned__lt=selectors.REVIEWERS_PER_APPLICATION)
        .values_list("pk", flat=True)
    )
    if not needing:
        return 0, 0
    conflicts = selectors.conflicts_in(round_, reviewers, needing)
    load = selectors.load_of(round_)
    taken: dict[int, set[int]] = {pk: set() for pk in needing}
    for application_id, reviewer_id in ReviewAssignment.objects.filter(
        application_id__in=needing
    ).values_list("application_id", "reviewer_id"):
        taken[application_id].add(reviewer_id)
    made, short = [], 0
    for application_id in needing:
        wanted = selectors.REVIEWERS_PER_APPLICATION - len(taken[application_id])
        free = sorted(
            (
                membership
                for membership in reviewers
                if membership.user_id not in taken[application_id]
                and not conflicts.between(membership.user_id, application_id)
            ),
            key=lambda membership: (load[membership.user_id], membership.user_id),
        )
        for membership in free[:wanted]:
            load[membership.user_id] += 1
            made.append(
                ReviewAssignment(
                    application_id=application_id, reviewer_id=membership.user_id, assigned_by=by
                )
            )
        if len(free) < wanted:
            short += 1
    with refused_on_conflict("Someone changed these assignments at the same time. Try again."):
        ReviewAssignment.objects.bulk_create(made, batch_size=500)
    # One insert sends no signal: the trail and the stamps are written here.
    audit.changes_record(action=Action.CREATE, pairs=[(None, assignment) for assignment in made])
    record(Places(rounds={round_.pk}, users={assignment.reviewer_id for assignment in made}))
    return len(made), short


@transaction.atomic
def conflict_declare(*, assignment: ReviewAssignment, reason: str) -> User | None:
    """The reviewer declares a conflict with an application assigned to them: the
    assignment (and any draft) goes, and the least-loaded free reviewer takes it. Returns
    that reviewer, or None when nobody is free: the advisers are emailed, and their
    assignments page shows the application needs reviewers."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say briefly why you have a conflict of interest.")
    application = assignment.application
    conflict = ConflictDeclaration(
        reviewer_id=assignment.reviewer_id, application=application, reason=reason
    )
    conflict.full_clean(validate_constraints=False)
    _withdraw(assignment)
    with refused_on_conflict("You have already declared a conflict with this application."):
        conflict.save()
    free = selectors.free_reviewers(application)
    if not free:
        enqueue("recruitment.tasks.send_reviewer_needed", conflict.pk)
        return None
    replacement = free[0]
    ReviewAssignment.objects.create(application=application, reviewer=replacement)
    return replacement


def conflict_declare_organisation(*, reviewer: User, organisation: str, reason: str):
    """A conflict with everyone from an organisation, for future suggestions."""
    conflict = ConflictDeclaration(
        reviewer=reviewer, organisation=" ".join(organisation.split()), reason=reason.strip()
    )
    conflict.full_clean()
    conflict.save()
    return conflict
