"""Reads about offers: the round's email wording, free places, and the offers page."""

import datetime
import re

from django.db.models import Q, QuerySet
from django.utils.formats import date_format

from core.clock import LONDON
from recruitment.models import Application, EmailTemplate, Offer, Round
from recruitment.selectors.ranking import ranking

PLACEHOLDER = re.compile(r"\{(\w*)\}")
PLACEHOLDERS = ("name", "cohort", "programme", "respond_by")

DEFAULTS = {
    EmailTemplate.Kind.OFFER: (
        "An offer of a place on {programme}",
        "Dear {name},\n\n"
        "Thank you for applying to {programme}. We are delighted to offer you a place in "
        "{cohort}.\n\n"
        "Please tell us whether you accept the place by {respond_by}, using the link below. "
        "If we do not hear from you by then, we will offer the place to someone else.",
    ),
    EmailTemplate.Kind.UNSUCCESSFUL: (
        "Your application to {programme}",
        "Dear {name},\n\n"
        "Thank you for applying to {cohort} of {programme}, and for the time you gave to "
        "your application. We had many strong applications for a small number of places, "
        "and we are sorry that we cannot offer you a place this time.\n\n"
        "We hope you will apply again.",
    ),
}


def email_template_for(round: Round, kind: str) -> EmailTemplate:
    """The round's saved wording, or the default (unsaved) until an adviser edits it."""
    saved = EmailTemplate.objects.filter(round=round, kind=kind).first()
    if saved is not None:
        return saved
    subject, body = DEFAULTS[kind]
    return EmailTemplate(round=round, kind=kind, subject=subject, body=body)


def unknown_placeholders(text: str) -> list[str]:
    found = {f"{{{name}}}" for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS}
    return sorted(found)


def uk_deadline(instant: datetime.datetime) -> str:
    local = instant.astimezone(LONDON)
    return f"{local:%H:%M} on {date_format(local, 'l j F Y')} (UK time)"


def placeholder_values(
    application: Application, *, respond_by: datetime.datetime | None = None
) -> dict[str, str]:
    cohort = application.round.cohort
    return {
        "name": application.applicant.name or application.applicant.email,
        "cohort": cohort.name,
        "programme": cohort.programme.name,
        "respond_by": uk_deadline(respond_by) if respond_by else "",
    }


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def _taking_a_place() -> Q:
    return Q(status__in=(Offer.Status.SENT, Offer.Status.ACCEPTED))


def free_places(round: Round) -> int:
    """Places neither accepted nor held by an offer still waiting for its answer."""
    held = Offer.objects.filter(_taking_a_place(), application__round=round).count()
    return max(round.places - held, 0)


def round_offers(round: Round) -> QuerySet[Offer]:
    return (
        Offer.objects.filter(application__round=round)
        .select_related("application__applicant")
        .order_by("created", "pk")
    )


def to_offer(round: Round) -> QuerySet[Application]:
    """Decided for an offer, not sent one yet."""
    return (
        Application.objects.filter(round=round, decision=Application.Decision.OFFERED)
        .filter(offer__isnull=True)
        .select_related("applicant")
        .order_by("decided_at", "pk")
    )


def waiting_list(round: Round) -> QuerySet[Application]:
    """In ranking order: the highest weighted mean first, ties to the earlier decision."""
    return (
        ranking(round, decision=Application.Decision.WAITING_LIST)
        .filter(offer__isnull=True)
        .order_by("-has_score", "-weighted_mean", "decided_at", "pk")
    )


def not_offered(round: Round) -> QuerySet[Application]:
    return (
        Application.objects.filter(round=round, decision=Application.Decision.DECLINED)
        .select_related("applicant", "unsuccessful_email")
        .order_by("applicant__name", "pk")
    )
