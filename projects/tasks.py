"""Emails about projects. Each task takes ids, loads, and is safe to run twice."""

from celery import shared_task
from django.urls import reverse
from django.utils import timezone

from core.mail import EMAIL_TASK_OPTIONS, enqueue, send_once, send_templated_email
from projects.models import Comment, CommentReply
from projects.selectors.comments import (
    comments_to_email,
    comments_waiting_for_email,
    reply_recipient,
)
from projects.selectors.nudges import projects_due_a_nudge
from projects.services.nudges import nudge_claimed


@shared_task(**EMAIL_TASK_OPTIONS)
def send_comment_email(comment_id: int) -> None:
    """Tell the fellow an adviser commented on their progress entry (sent once), unless
    they are no longer a fellow of that cohort."""
    comment = (
        comments_to_email()
        .select_related("author", "entry__project__fellow")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None:
        return
    with send_once(Comment.objects.filter(pk=comment.pk), "emailed_at") as won:
        if won:
            send_templated_email(
                to=[comment.entry.project.fellow.email],
                template="project_comment",
                context={
                    "comment": comment,
                    "entry": comment.entry,
                    "project": comment.entry.project,
                    "entry_path": reverse("projects:entry", args=[comment.entry_id]),
                },
            )


@shared_task(**EMAIL_TASK_OPTIONS)
def send_reply_email(reply_id: int) -> None:
    """Tell whoever a reply is for (the commenting adviser, or the fellow) about it, once."""
    reply = (
        CommentReply.objects.select_related(
            "author",
            "comment__author",
            "comment__entry__project__fellow",
            "comment__entry__project__cohort",
        )
        .filter(pk=reply_id)
        .first()
    )
    recipient = reply_recipient(reply) if reply else None
    if recipient is None:
        return
    with send_once(CommentReply.objects.filter(pk=reply.pk), "emailed_at") as won:
        if won:
            entry = reply.comment.entry
            send_templated_email(
                to=[recipient.email],
                template="project_reply",
                context={
                    "reply": reply,
                    "recipient": recipient,
                    "comment": reply.comment,
                    "entry": entry,
                    "project": entry.project,
                    "entry_path": reverse("projects:entry", args=[entry.pk]),
                },
            )


@shared_task
def sweep_unsent_comment_emails() -> int:
    """Send any comment email whose task never ran (say, the broker was down)."""
    ids = list(comments_waiting_for_email(now=timezone.now()).values_list("pk", flat=True))
    for comment_id in ids:
        enqueue(send_comment_email, comment_id)
    return len(ids)


@shared_task
def nudge_quiet_fellows() -> int:
    """Daily: queue one reminder for each fellow who has logged nothing for a fortnight,
    about their project that has been quiet longest (a fellow may be in two cohorts)."""
    due = (
        projects_due_a_nudge(now=timezone.now())
        .order_by("fellow_id", "last_activity_on", "pk")
        .values_list("fellow_id", "pk")
    )
    quietest: dict[int, int] = {}
    for fellow_id, project_id in due:
        quietest.setdefault(fellow_id, project_id)
    for project_id in quietest.values():
        enqueue(send_nudge, project_id)
    return len(quietest)


@shared_task(**EMAIL_TASK_OPTIONS)
def send_nudge(project_id: int) -> None:
    """Remind one fellow to log progress, unless they have since, or were just reminded."""
    now = timezone.now()
    project = (
        projects_due_a_nudge(now=now)
        .select_related("fellow", "cohort")
        .filter(pk=project_id)
        .first()
    )
    if project is None:
        return
    with nudge_claimed(project=project, now=now) as won:
        if won:
            send_templated_email(
                to=[project.fellow.email],
                template="project_nudge",
                context={
                    "project": project,
                    "fellow": project.fellow,
                    "days": (timezone.localdate(now) - project.last_activity_on).days,
                    "add_path": reverse("projects:entry_add", args=[project.pk]),
                },
            )
