"""Offers of a place and their answers, the waiting list, and the round's email templates.

Accepting locks the round's row and counts the accepted offers against its places, so two
applicants accepting the last place at the same moment get one place and one clear refusal.
"""

import copy
import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User, hash_token
from accounts.services import membership_grant
from audit import services as audit
from audit.models import Action
from cohorts.services.interviews import intake_prefill_save
from core.changes import record
from core.clock import london_to_utc
from core.db import refused_when_busy
from core.mail import enqueue
from recruitment.changes import rounds_places
from recruitment.models import Answer, Application, EmailTemplate, Offer, Question, Round
from recruitment.selectors.offers import (
    email_template_for,
    fill_placeholders,
    free_places,
    placeholder_values,
    unknown_placeholders,
    waiting_list,
)
from recruitment.services.decisions import application_decide

Decision = Application.Decision
Status = Offer.Status
DEADLINE_TIME = datetime.time(23, 59)
LAST_PLACE_TAKEN = (
    "Sorry: every place in this cohort has just been taken, so we cannot accept your offer. "
    "The programme team will be in touch."
)

TOO_LATE = "The date to answer this offer has passed. Contact the programme team."
ANSWERED = {
    Status.ACCEPTED: "You have already accepted this place.",
    Status.DECLINED: "You have already declined this place.",
}


def _clean(instance) -> None:
    try:
        instance.full_clean()
    except ValidationError as error:
        raise ValidationError(error.messages) from error


def email_template_save(*, round: Round, kind: str, subject: str, body: str) -> EmailTemplate:
    """Save a round's wording of an email; only the placeholders we fill in are allowed."""
    unknown = unknown_placeholders(subject + body)
    if unknown:
        raise ValidationError(
            f"Pioneer cannot fill in {', '.join(unknown)}. "
            "Use only {name}, {cohort}, {programme} and {respond_by}."
        )
    template, _ = EmailTemplate.objects.get_or_create(
        round=round, kind=kind, defaults={"subject": subject.strip(), "body": body.strip()}
    )
    template.subject, template.body = subject.strip(), body.strip()
    _clean(template)
    template.save()
    return template


def _deadline(day: datetime.date, now: datetime.datetime) -> datetime.datetime:
    respond_by = london_to_utc(day, DEADLINE_TIME)
    if respond_by <= now:
        raise ValidationError("Choose a date to answer by that is in the future.")
    return respond_by


def _make_offer(
    application: Application, respond_by: datetime.datetime, template: EmailTemplate
) -> Offer:
    values = placeholder_values(application, respond_by=respond_by)
    token = secrets.token_urlsafe(32)
    offer = Offer(
        application=application,
        respond_by=respond_by,
        token_hash=hash_token(token),
        subject=fill_placeholders(template.subject, values),
        body=fill_placeholders(template.body, values),
    )
    _clean(offer)
    offer.save()
    enqueue("recruitment.tasks.send_offer", offer.pk, token)
    return offer


def _lock_round(round: Round) -> Round:
    return Round.objects.select_for_update().get(pk=round.pk)


@transaction.atomic
def offers_send(
    *, round: Round, respond_by: datetime.date, now: datetime.datetime | None = None
) -> list[Offer]:
    """Email an offer to every applicant the panel decided to offer a place who has not
    had one yet, to answer by the end of `respond_by` (UK time)."""
    now = now or timezone.now()
    deadline = _deadline(respond_by, now)
    round = _lock_round(round)
    waiting = list(
        Application.objects.filter(round=round, decision=Decision.OFFERED, offer__isnull=True)
        .select_related("applicant", "round__cohort__programme")
        .order_by("decided_at", "pk")
    )
    if not waiting:
        raise ValidationError("Everyone offered a place has had their offer already.")
    free = free_places(round)
    if len(waiting) > free:
        raise ValidationError(
            f"{len(waiting)} applicants are to be offered a place but only {free} "
            f"of the {round.places} places are free. Move some to the waiting list first."
        )
    # One wording for the whole round, not a lookup per offer.
    template = email_template_for(round, EmailTemplate.Kind.OFFER)
    return [_make_offer(application, deadline, template) for application in waiting]


@transaction.atomic
def offer_next_on_waiting_list(
    *, round: Round, by: User, respond_by: datetime.date, now: datetime.datetime | None = None
) -> Offer:
    """Offer a free place (after a decline or a lapse) to the top of the waiting list, in
    ranking order."""
    now = now or timezone.now()
    deadline = _deadline(respond_by, now)
    round = _lock_round(round)
    if free_places(round) < 1:
        raise ValidationError("Every place is accepted or waiting for an answer.")
    # The round's row is locked, so the top of the list cannot change under us.
    top = waiting_list(round).values_list("pk", flat=True).first()
    if top is None:
        raise ValidationError("Nobody is on the waiting list.")
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("applicant", "round__cohort__programme")
        .get(pk=top)
    )
    application_decide(
        application=application,
        decision=Decision.OFFERED,
        reason="Offered a place that came free, from the waiting list.",
        by=by,
    )
    return _make_offer(application, deadline, email_template_for(round, EmailTemplate.Kind.OFFER))


def offer_for_token(token: str) -> Offer:
    offer = (
        Offer.objects.select_related("application__round__cohort__programme")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if offer is None:
        raise ValidationError(
            "This link is not valid. Check it is the whole link from your offer email."
        )
    return offer


def _check_answerable(offer: Offer, user: User, now: datetime.datetime) -> None:
    if offer.application.applicant_id != user.pk:
        raise ValidationError(
            "This offer was sent to someone else. Sign in as the person it was sent to."
        )
    if offer.status in ANSWERED:
        raise ValidationError(ANSWERED[offer.status])
    if offer.status == Status.LAPSED or offer.respond_by <= now:
        raise ValidationError(TOO_LATE)


def _hopes_from(application: Application) -> str:
    answers = (
        Answer.objects.filter(application=application, question__kind=Question.Kind.LONG)
        .exclude(text="")
        .select_related("question")
        .order_by("question__order", "question__pk")
    )
    return "\n\n".join(f"{answer.question.text}\n{answer.text.strip()}" for answer in answers)


@refused_when_busy()
@transaction.atomic
def offer_accept(*, offer: Offer, user: User, now: datetime.datetime | None = None) -> Offer:
    """The applicant takes their place: they become a fellow of the cohort, and what they
    wrote when applying starts their intake interview's hopes."""
    now = now or timezone.now()
    round = _lock_round(offer.application.round)
    offer = Offer.objects.select_for_update().select_related("application").get(pk=offer.pk)
    _check_answerable(offer, user, now)
    accepted = Offer.objects.filter(application__round=round, status=Status.ACCEPTED).count()
    if accepted >= round.places:
        raise ValidationError(LAST_PLACE_TAKEN)
    offer.status, offer.responded_at = Status.ACCEPTED, now
    offer.save(update_fields=["status", "responded_at"])
    cohort = round.cohort
    membership_grant(user=user, programme=cohort.programme, cohort=cohort, role=Role.FELLOW)
    hopes = _hopes_from(offer.application)
    if hopes:
        intake_prefill_save(cohort=cohort, fellow=user, hopes=hopes)
    return offer


@transaction.atomic
def offer_decline(*, offer: Offer, user: User, now: datetime.datetime | None = None) -> Offer:
    now = now or timezone.now()
    offer = Offer.objects.select_for_update().select_related("application").get(pk=offer.pk)
    _check_answerable(offer, user, now)
    offer.status, offer.responded_at = Status.DECLINED, now
    offer.save(update_fields=["status", "responded_at"])
    enqueue("recruitment.tasks.send_place_free", offer.pk)
    return offer


@transaction.atomic
def offers_lapse(*, now: datetime.datetime | None = None) -> int:
    """Offers nobody answered in time lapse, so their places can go to the waiting list."""
    now = now or timezone.now()
    late = list(Offer.objects.select_for_update().filter(status=Status.SENT, respond_by__lte=now))
    pairs = []
    for offer in late:
        before = copy.copy(offer)
        offer.status = Status.LAPSED
        pairs.append((before, offer))
    Offer.objects.bulk_update(late, ["status"])
    # One update sends no signal: the trail and the rounds' stamps are written here.
    audit.changes_record(action=Action.UPDATE, pairs=pairs)
    if late:  # run by beat every few minutes, mostly with nothing to lapse
        record(rounds_places(Round.objects.filter(applications__offer__in=late).distinct()))
    for offer in late:
        enqueue("recruitment.tasks.send_place_free", offer.pk)
        enqueue("recruitment.tasks.send_offer_lapsed", offer.pk)
    return len(late)
