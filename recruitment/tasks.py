"""Recruitment's emails. Each task takes ids, loads, and claims its row before sending, so
running it twice sends once."""

from celery import shared_task
from django.urls import reverse

from accounts.models import hash_token
from core.mail import EMAIL_TASK_OPTIONS, send_once, send_templated_email
from recruitment.models import SupportRequest


@shared_task(**EMAIL_TASK_OPTIONS)
def send_support_request(support_id: int, token: str) -> None:
    """Email the line manager their link; a link since replaced is never sent."""
    support = (
        SupportRequest.objects.select_related("application__applicant", "application__round")
        .filter(pk=support_id, token_hash=hash_token(token), status=SupportRequest.Status.WAITING)
        .first()
    )
    if support is None:
        return
    with send_once(SupportRequest.objects.filter(pk=support.pk), "sent_at") as won:
        if won:
            send_templated_email(
                to=[support.manager_email],
                template="recruitment_support_request",
                context={
                    "support": support,
                    "applicant": support.application.applicant,
                    "round": support.application.round,
                    "reminder": support.reminded_at is not None,
                    "respond_path": reverse("recruitment:support_respond", args=[token]),
                },
            )
