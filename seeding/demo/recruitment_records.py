"""The records of each demo application: its answers, the line manager's support, equality
monitoring, the panel's reviews and an offer (seeding/demo/recruitment.py says which)."""

import datetime
import secrets

from accounts.models import Membership, Role, hash_token
from cohorts.models import IntakePrefill
from recruitment.models import (
    Answer,
    EqualityResponse,
    Offer,
    Review,
    ReviewAssignment,
    Score,
    SupportRequest,
)
from seeding.demo.accounts import ORGANISATIONS

HOPES = [
    "To lead our move to a shared care record with confidence, and bring clinicians with me.",
    "To learn how to make the case for digital change to a sceptical board.",
    "To build a network of people who have done this before, and to mentor others in turn.",
    "To turn our virtual ward pilot into a service that lasts beyond its funding.",
]
CHANGES = [
    "Replacing paper discharge letters with structured electronic summaries to GPs.",
    "A patient portal for outpatient appointments, designed with people who rarely use one.",
    "Remote monitoring for people with heart failure, run by our community nurses.",
    "Electronic prescribing on the last three paper wards in the trust.",
]


def answers(application, index, *, complete: bool) -> None:
    questions = list(application.round.form.questions.order_by("order"))
    organisation = ORGANISATIONS[index % len(ORGANISATIONS)][0]
    texts = [organisation, HOPES[index % len(HOPES)], CHANGES[index % len(CHANGES)]]
    for question, text in zip(questions, texts, strict=False):
        if complete or question.order < 2:
            Answer.objects.create(application=application, question=question, text=text)
    if complete:
        Answer.objects.create(
            application=application, question=questions[3], chosen=[questions[3].choices[index % 4]]
        )
        Answer.objects.create(application=application, question=questions[4], text="yes")


def support(application, index, now) -> None:
    status = [SupportRequest.Status.CONFIRMED] * 5 + [SupportRequest.Status.WAITING]
    status = status[index % len(status)] if index % 17 else SupportRequest.Status.DECLINED
    confirmed = status == SupportRequest.Status.CONFIRMED
    SupportRequest.objects.create(
        application=application,
        manager_name=f"Line manager of {application.applicant.name}",
        manager_email=f"manager.{application.pk}@example.org",
        token_hash=hash_token(secrets.token_urlsafe(32)),
        status=status,
        protected_time=confirmed,
        statement="I support this application and will protect a day a month." if confirmed else "",
        sent_at=now - datetime.timedelta(days=18),
        responded_at=now - datetime.timedelta(days=15) if status != "waiting" else None,
    )


def equality(application, index) -> None:
    EqualityResponse.objects.create(
        application=application,
        ethnicity=["white", "asian or asian british", "prefer_not_to_say"][index % 3],
        sex=["female", "male"][index % 2],
        age_band=["30 to 39", "40 to 49", "50 to 59"][index % 3],
        region="london",
    )


def reviews(application, reviewers, adviser, index, *, both: bool, now) -> None:
    criteria = list(application.round.criteria.all())
    for number, reviewer in enumerate(reviewers):
        assignment = ReviewAssignment.objects.create(
            application=application, reviewer=reviewer, assigned_by=adviser
        )
        # While under review, the reviewers take turns to be first, so each demo reviewer
        # has applications to do; every other one the later reviewer has saved a draft.
        waiting = not both and number != index % 2
        if waiting and index % 4 >= 2:
            continue
        review = Review.objects.create(
            assignment=assignment,
            status=Review.Status.DRAFT if waiting else Review.Status.SUBMITTED,
            submitted_at=None if waiting else now,
        )
        for offset, criterion in enumerate(criteria[:1] if waiting else criteria):
            Score.objects.create(
                review=review,
                criterion=criterion,
                score=1 + (index + offset + number) % 5,
                comment="Clear ambition; the plan needs milestones.",
            )


def offer(application, state, now) -> None:
    status = {
        "offered": Offer.Status.SENT,
        "accepted": Offer.Status.ACCEPTED,
        "declined_offer": Offer.Status.DECLINED,
    }[state]
    Offer.objects.create(
        application=application,
        status=status,
        respond_by=now + datetime.timedelta(days=10),
        token_hash=hash_token(secrets.token_urlsafe(32)),
        subject="An offer of a place on Digital Pioneer Fellowship",
        body="We are delighted to offer you a place.",
        sent_at=now - datetime.timedelta(days=2),
        responded_at=now - datetime.timedelta(days=1) if status != Offer.Status.SENT else None,
    )
    if status == Offer.Status.ACCEPTED:
        cohort = application.round.cohort
        Membership.objects.get_or_create(
            user=application.applicant, programme=cohort.programme, cohort=cohort, role=Role.FELLOW
        )
        IntakePrefill.objects.get_or_create(
            cohort=cohort, fellow=application.applicant, defaults={"hopes": HOPES[1]}
        )
