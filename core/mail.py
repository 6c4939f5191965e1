"""Sending email from templates, and enqueueing tasks after a commit.

Every email Pioneer sends goes through a Celery task; a send that fails is
retried with back-off rather than lost, and a task the broker cannot take
waits in the outbox (`core.outbox`) until it can.
"""

import smtplib
from contextlib import contextmanager
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from core import outbox

# Erased people's accounts keep an address at this reserved domain (RFC 2606), so the
# account stays unique; nothing is ever sent there.
ERASED_DOMAIN = "erased.invalid"


def erased_address(person_id: int) -> str:
    return f"former-{person_id}@{ERASED_DOMAIN}"


def is_erased(address: str) -> bool:
    return address.rpartition("@")[2].lower() == ERASED_DOMAIN


# Options for every task that sends email: retried for about two days.
EMAIL_TASK_OPTIONS = {
    "autoretry_for": (smtplib.SMTPException, OSError),
    "retry_backoff": 30,
    "retry_backoff_max": 3600,
    "retry_jitter": True,
    "max_retries": 60,
}


def send_templated_email(
    *, to: list[str], template: str, context: dict, attachments=(), reply_to=None
) -> None:
    """Render `emails/<template>_subject.txt`, `_body.txt` and `_body.html`, and send.
    Erased people are left out; an email to nobody else is not sent."""
    to = [address for address in to if not is_erased(address)]
    if not to:
        return
    context = {"site_url": settings.SITE_URL, **context}
    subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
    text = render_to_string(f"emails/{template}_body.txt", context)
    html = render_to_string(f"emails/{template}_body.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to,
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()


def enqueue(task, *args, **kwargs) -> None:
    """Run `task` once the current transaction commits (at once outside one).

    `task` is a task or its dotted name: services pass the name, because their app's
    tasks import the services and an import back would make a loop.

    When the broker cannot take it, or it fails when tasks run in-process, it waits in
    the outbox and the sweep sends it later: the request that enqueued it still answers.
    """
    transaction.on_commit(partial(outbox.send, task, args, kwargs))


@contextmanager
def send_once(queryset, field: str):
    """Claim a row by stamping `field` where it is empty; yields whether we won.

    Two workers running the same task see one winner. If the send fails the
    stamp is cleared so the retry can claim it again.
    """
    won = queryset.filter(**{f"{field}__isnull": True}).update(**{field: timezone.now()}) > 0
    try:
        yield won
    except BaseException:
        if won:
            queryset.update(**{field: None})
        raise
