"""Waves: adding them, changing their dates, inviting and reminding fellows."""

import copy
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Cohort, Membership
from audit import services as audit
from audit.models import Action
from core.changes import record
from core.mail import enqueue
from evaluation.changes import of_wave
from evaluation.models import Framework, Response, Wave

# Reminders go to fellows who have not submitted, once, in the last week of a wave
# (but not in its first three days, so a short wave does not remind on day one).
REMIND_DAYS_BEFORE_CLOSE = 7
REMIND_NOT_BEFORE_DAYS = 3


def _framework_allowed(framework: Framework, cohort: Cohort) -> None:
    if framework.programme_id not in (None, cohort.programme_id):
        raise ValidationError({"framework": "Choose a framework of this programme."})


@transaction.atomic
def wave_create(
    *,
    cohort: Cohort,
    kind: str,
    framework: Framework,
    opens_on: datetime.date,
    closes_on: datetime.date,
) -> Wave:
    _framework_allowed(framework, cohort)
    wave = Wave(
        cohort=cohort, kind=kind, framework=framework, opens_on=opens_on, closes_on=closes_on
    )
    wave.full_clean()
    wave.save()
    return wave


@transaction.atomic
def wave_update(*, wave: Wave, opens_on: datetime.date, closes_on: datetime.date) -> Wave:
    wave.opens_on = opens_on
    wave.closes_on = closes_on
    wave.full_clean()
    wave.save(update_fields=["opens_on", "closes_on"])
    return wave


def _active_fellow_ids(cohort_id: int) -> list[int]:
    return list(
        Membership.objects.active_fellows(cohort_id)
        .values_list("user_id", flat=True)
        .order_by("user_id")
    )


@transaction.atomic
def wave_invite(*, wave: Wave) -> int:
    """Make a response row for every active fellow and email those not yet invited.

    Safe to run again (the beat does, hourly): each fellow is invited once, and a
    fellow who joins the cohort while the wave is open is invited on the next run.
    """
    fellows = list(_active_fellow_ids(wave.cohort_id))
    had = set(Response.objects.filter(wave=wave).values_list("fellow_id", flat=True))
    Response.objects.bulk_create(
        [Response(wave=wave, fellow_id=fellow_id) for fellow_id in fellows if fellow_id not in had],
        ignore_conflicts=True,
    )
    # A bulk insert sends no signal: the new response rows go on the audit trail in one
    # insert (their ids come from a query, as ignore_conflicts returns none).
    record(of_wave(wave))
    made = Response.objects.filter(wave=wave).exclude(fellow_id__in=had)
    audit.changes_record(action=Action.CREATE, pairs=[(None, response) for response in made])
    pending = Response.objects.filter(
        wave=wave, invited_at__isnull=True, submitted_at__isnull=True, fellow_id__in=fellows
    ).values_list("pk", flat=True)
    count = 0
    for response_id in pending:
        enqueue("evaluation.tasks.send_wave_invitation", response_id)
        count += 1
    now = timezone.now()
    if Wave.objects.filter(pk=wave.pk, invitations_sent_at__isnull=True).update(
        invitations_sent_at=now
    ):
        before = copy.copy(wave)
        before.invitations_sent_at = None
        wave.invitations_sent_at = now
        audit.changes_record(action=Action.UPDATE, pairs=[(before, wave)])
    return count


def wave_is_due_reminders(wave: Wave, day: datetime.date) -> bool:
    return (
        wave.is_open(day)
        and day >= wave.closes_on - datetime.timedelta(days=REMIND_DAYS_BEFORE_CLOSE)
        and day >= wave.opens_on + datetime.timedelta(days=REMIND_NOT_BEFORE_DAYS)
    )


def wave_remind(*, wave: Wave) -> int:
    """Email a reminder, once, to every invited fellow who has not submitted."""
    pending = Response.objects.filter(
        wave=wave,
        invited_at__isnull=False,
        submitted_at__isnull=True,
        reminder_sent_at__isnull=True,
        fellow_id__in=_active_fellow_ids(wave.cohort_id),
    ).values_list("pk", flat=True)
    count = 0
    for response_id in pending:
        enqueue("evaluation.tasks.send_wave_reminder", response_id)
        count += 1
    return count
