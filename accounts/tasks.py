from datetime import timedelta

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import Invitation, KnownBrowser, hash_token
from core.mail import EMAIL_TASK_OPTIONS, send_once, send_templated_email


@shared_task(**EMAIL_TASK_OPTIONS)
def send_account_email(
    *,
    to: list[str],
    subject: str,
    text: str,
    html: str | None,
    from_email: str,
    headers: dict[str, str],
) -> None:
    """Send an email allauth rendered during the request (reset, verification, MFA notice)."""
    message = EmailMultiAlternatives(subject, text, from_email, to, headers=headers)
    if html is not None:
        message.attach_alternative(html, "text/html")
    message.send()


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


@shared_task(**EMAIL_TASK_OPTIONS)
def send_new_browser_email(browser_id: int) -> None:
    """Tell a person their account was signed into from a new browser; sent once."""
    browser = KnownBrowser.objects.select_related("user").filter(pk=browser_id).first()
    if browser is None:
        return
    with send_once(KnownBrowser.objects.filter(pk=browser.pk), "emailed_at") as won:
        if won:
            send_templated_email(
                to=[browser.user.email],
                template="new_browser",
                context={
                    "user": browser.user,
                    "browser": browser,
                    "sessions_path": reverse("usersessions_list"),
                    "password_path": reverse("account_change_password"),
                },
            )
