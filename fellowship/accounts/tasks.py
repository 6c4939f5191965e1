from datetime import timedelta

from celery import shared_task
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone

from fellowship.accounts import services
from fellowship.accounts.models import Invitation, hash_token
from fellowship.mail import EMAIL_TASK_OPTIONS, send_once, send_templated_email


class NotSentInProcess(Exception):
    """An email task run in-process (no broker) could not reach the mail server."""


@shared_task(bind=True, **EMAIL_TASK_OPTIONS)
def send_account_email(
    self,
    *,
    to: list[str],
    subject: str,
    text: str | None,
    html: str | None,
    from_email: str,
    headers: dict[str, str],
) -> None:
    """Send an email allauth rendered during the request (reset, verification, MFA notice)."""
    if text is None:  # allauth found only an HTML template.
        message = EmailMessage(subject, html, from_email, to, headers=headers)
        message.content_subtype = "html"
    else:
        message = EmailMultiAlternatives(subject, text, from_email, to, headers=headers)
        if html is not None:
            message.attach_alternative(html, "text/html")
    try:
        message.send()
    except EMAIL_TASK_OPTIONS["autoretry_for"] as error:
        if not self.request.is_eager:
            raise  # A worker retries it with back-off.
        # Run in-process, Celery would retry at once, up to 60 times, inside the request.
        # Fail once instead, with an error `enqueue` catches and logs.
        raise NotSentInProcess(f"Could not send {subject!r} to {to}: {error}") from error


@shared_task(**EMAIL_TASK_OPTIONS)
def send_invitation(invitation_id: int, token: str) -> None:
    """Email an invitation link; safe to run twice (it is sent once)."""
    invitation = (
        Invitation.objects.select_related("programme", "cohort", "invited_by")
        .filter(pk=invitation_id, token_hash=hash_token(token))
        .first()
    )
    if invitation is None:  # Withdrawn, or a newer link was sent.
        return
    with send_once(Invitation.objects.filter(pk=invitation.pk), "sent_at") as won:
        if won:
            send_templated_email(
                to=[invitation.email],
                template="invitation",
                context={
                    "invitation": invitation,
                    "accept_path": reverse("invitation_accept", args=[token]),
                },
            )


@shared_task
def sweep_unsent_invitations() -> int:
    """Send again any invitation whose task never ran (say, the broker was down)."""
    stale = Invitation.objects.pending().filter(
        sent_at__isnull=True, created__lt=timezone.now() - timedelta(minutes=15)
    )
    count = 0
    for invitation in stale.iterator():
        services.invitation_resend(invitation=invitation)
        count += 1
    return count
