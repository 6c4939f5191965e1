"""Evaluation tasks: invitations when a wave opens, reminders, and scores worked out again.

Each takes ids, loads, calls a service or sends one email, and is safe to run
twice: an email is claimed with `send_once`, so each fellow gets one
invitation and at most one reminder per wave.
"""

import datetime

from celery import shared_task
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from core.mail import EMAIL_TASK_OPTIONS, enqueue, send_once, send_templated_email
from evaluation.models import Response, Wave
from evaluation.services.scores import scores_compute
from evaluation.services.waves import wave_invite, wave_is_due_reminders, wave_remind

# Scores of waves that closed within this many days are worked out again each night,
# so attendance or mentoring recorded a little late still reaches them.
RECOMPUTE_DAYS_AFTER_CLOSE = 14


def _sendable(response_id: int):
    """The response, if its wave is open and its fellow still an active fellow."""
    today = timezone.localdate()
    return (
        Response.objects.select_related("wave", "wave__cohort", "fellow")
        .filter(
            pk=response_id,
            submitted_at__isnull=True,
            wave__opens_on__lte=today,
            wave__closes_on__gte=today,
            fellow__memberships__cohort=F("wave__cohort"),
            fellow__memberships__role=Role.FELLOW,
            fellow__memberships__is_active=True,
        )
        .first()
    )


def _send(response: Response, field: str, template: str) -> None:
    claim = Response.objects.filter(pk=response.pk, submitted_at__isnull=True)
    with send_once(claim, field) as won:
        if won:
            send_templated_email(
                to=[response.fellow.email],
                template=template,
                context={
                    "response": response,
                    "wave": response.wave,
                    "cohort": response.wave.cohort,
                    "fellow": response.fellow,
                    "has_draft": response.answers.exists(),
                    "answer_path": reverse("evaluation:answer", args=[response.wave_id]),
                },
            )


@shared_task(**EMAIL_TASK_OPTIONS)
def send_wave_invitation(response_id: int) -> None:
    response = _sendable(response_id)
    if response is not None:
        _send(response, "invited_at", "evaluation_invitation")


@shared_task(**EMAIL_TASK_OPTIONS)
def send_wave_reminder(response_id: int) -> None:
    response = _sendable(response_id)
    if response is not None and response.invited_at is not None:
        _send(response, "reminder_sent_at", "evaluation_reminder")


@shared_task
def invite_to_open_waves() -> int:
    """Beat: invite the fellows of every wave open today who have not been invited."""
    today = timezone.localdate()
    return sum(wave_invite(wave=wave) for wave in Wave.objects.open_on(today).order_by("pk"))


@shared_task
def remind_non_responders() -> int:
    """Beat: remind, once, fellows who have not answered a wave closing within the week."""
    today = timezone.localdate()
    return sum(
        wave_remind(wave=wave)
        for wave in Wave.objects.open_on(today).order_by("pk")
        if wave_is_due_reminders(wave, today)
    )


@shared_task
def recompute_wave_scores(wave_id: int) -> int:
    wave = Wave.objects.select_related("cohort", "framework").filter(pk=wave_id).first()
    return 0 if wave is None else scores_compute(wave=wave)


@shared_task
def recompute_recent_scores() -> int:
    """Beat: work out again the scores of waves open now or closed in the last fortnight."""
    today = timezone.localdate()
    since = today - datetime.timedelta(days=RECOMPUTE_DAYS_AFTER_CLOSE)
    waves = Wave.objects.filter(opens_on__lte=today, closes_on__gte=since).values_list(
        "pk", flat=True
    )
    for wave_id in waves:
        enqueue(recompute_wave_scores, wave_id)
    return len(waves)
