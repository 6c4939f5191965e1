"""The line manager's support: Pioneer emails a single-use link (only its hash is kept),
where the manager confirms support and protected time with a short statement, or declines.
The applicant may send a reminder, with a fresh link, at most once a day."""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import hash_token
from core.db import refused_when_busy
from core.mail import enqueue
from recruitment.models import Application, SupportRequest
from recruitment.services.applying import when

# A link works for this long after it was last sent.
LINK_DAYS = 21
REMINDER_GAP = datetime.timedelta(days=1)
STATEMENT_MAX = 2000
Status = SupportRequest.Status


def _new_link(support: SupportRequest) -> str:
    token = secrets.token_urlsafe(32)
    support.token_hash = hash_token(token)
    return token


def _send(support: SupportRequest, token: str) -> None:
    enqueue("recruitment.tasks.send_support_request", support.pk, token)


def _check_can_change(application: Application) -> None:
    if timezone.now() >= application.round.closes_at:
        raise ValidationError(
            f"This round closed on {when(application.round.closes_at)}: the line manager can "
            "no longer be changed."
        )


@refused_when_busy()
@transaction.atomic
def support_request(*, application: Application, manager_name: str, manager_email: str):
    """Ask a line manager for support; naming another manager sends them a new link and the
    old one stops working. Confirmed support stays as it is."""
    _check_can_change(application)
    support = SupportRequest.objects.select_for_update().filter(application=application).first()
    if support is not None and support.status == Status.CONFIRMED:
        raise ValidationError("Your line manager has already confirmed their support.")
    if manager_email.strip().lower() == application.applicant.email.lower():
        raise ValidationError({"manager_email": "Enter your line manager's email, not your own."})
    support = support or SupportRequest(application=application)
    support.manager_name = manager_name.strip()
    support.manager_email = manager_email.strip()
    support.status, support.protected_time, support.statement = Status.WAITING, False, ""
    support.sent_at = support.responded_at = None
    token = _new_link(support)
    support.full_clean()
    support.save()
    _send(support, token)
    return support


@refused_when_busy()
@transaction.atomic
def support_remind(*, support: SupportRequest) -> SupportRequest:
    """Email the manager again, with a fresh link; at most once a day."""
    support = (
        SupportRequest.objects.select_for_update()
        .select_related("application__round")
        .get(pk=support.pk)
    )
    _check_can_change(support.application)
    if support.status != Status.WAITING:
        raise ValidationError(
            f"Your line manager has already answered: {support.get_status_display().lower()}."
        )
    last = max(filter(None, [support.sent_at, support.reminded_at]), default=None)
    now = timezone.now()
    if last is not None and now - last < REMINDER_GAP:
        raise ValidationError(
            f"A reminder can be sent once a day. You can send the next one after "
            f"{when(last + REMINDER_GAP)}."
        )
    token = _new_link(support)
    support.reminded_at, support.sent_at = now, None
    support.save(update_fields=["token_hash", "reminded_at", "sent_at"])
    _send(support, token)
    return support


def support_for_token(token: str) -> SupportRequest | None:
    return (
        SupportRequest.objects.select_related("application__applicant", "application__round")
        .filter(token_hash=hash_token(token))
        .first()
    )


def link_expired(support: SupportRequest) -> bool:
    last = max(filter(None, [support.sent_at, support.reminded_at]), default=None)
    return last is not None and timezone.now() > last + datetime.timedelta(days=LINK_DAYS)


NOT_VALID = (
    "This link is not valid. It may have been replaced by a newer one: use the link in the "
    "latest email from Pioneer."
)


def link_problem(support: SupportRequest | None) -> str | None:
    """Why a manager's link can no longer be used, or None while it can."""
    if support is None:
        return NOT_VALID
    if support.status != Status.WAITING:
        return (
            f"This link has already been used: you answered on {when(support.responded_at)} "
            f"({support.get_status_display().lower()})."
        )
    if link_expired(support):
        return "This link has expired. Ask the applicant to send you a reminder with a new link."
    return None


@refused_when_busy()
@transaction.atomic
def support_respond(
    *, token: str, confirm: bool, protected_time: bool, statement: str
) -> SupportRequest:
    """The manager's answer, once: a used, replaced or expired link changes nothing."""
    found = support_for_token(token)
    support = SupportRequest.objects.select_for_update().get(pk=found.pk) if found else None
    problem = link_problem(support)
    if problem:
        raise ValidationError(problem)
    statement = statement.strip()
    if len(statement) > STATEMENT_MAX:
        raise ValidationError(
            {"statement": f"Keep the statement to {STATEMENT_MAX} characters or fewer."}
        )
    if confirm and not statement:
        raise ValidationError({"statement": "Write a short statement of your support."})
    if confirm and not protected_time:
        raise ValidationError(
            {"protected_time": "Confirm the applicant will have protected time, or decline."}
        )
    support.status = Status.CONFIRMED if confirm else Status.DECLINED
    support.protected_time = protected_time if confirm else False
    support.statement = statement
    support.responded_at = timezone.now()
    support.full_clean()
    support.save()
    return support
