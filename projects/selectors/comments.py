"""Advisers' comments and the replies under them: those not read yet, and those still
to be emailed."""

import datetime

from django.db.models import Count, F, QuerySet, Window

from accounts.models import Membership, Role, User
from accounts.roles import roles_of
from accounts.selectors import is_active_fellow
from projects.models import Comment, CommentReply


def unread_comments_for(user, *, limit: int = 10) -> list[Comment]:
    """Advisers' comments the fellow has not opened yet, newest first."""
    return list(
        Comment.objects.filter(
            read_at__isnull=True,
            entry__project__fellow=user,
            entry__project__cohort_id__in=roles_of(user).fellow_cohorts,
        )
        .select_related("author", "entry")
        .order_by("-created", "-pk")[:limit]
    )


def comments_to_email() -> QuerySet[Comment]:
    """Comments whose fellow is still an active fellow of the project's cohort: one who
    has left keeps the comment on their project but is not emailed about it."""
    return Comment.objects.filter(
        is_active_fellow("entry__project__cohort", "entry__project__fellow"),
        entry__project__fellow__is_active=True,
    )


def comments_waiting_for_email(*, now: datetime.datetime) -> QuerySet[Comment]:
    """Comments whose email task never ran (say, the broker was down), from the last 2 days."""
    return comments_to_email().filter(
        emailed_at__isnull=True,
        read_at__isnull=True,
        created__lt=now - datetime.timedelta(minutes=15),
        created__gt=now - datetime.timedelta(days=2),
    )


def unread_replies_for(user, *, limit: int = 10) -> list[CommentReply]:
    """Fellows' replies to the adviser's comments that the adviser has not opened yet,
    newest first; each carries `total`, the count of them all, so one query serves both."""
    return list(
        CommentReply.objects.filter(
            read_at__isnull=True,
            comment__author=user,
            author_id=F("comment__entry__project__fellow_id"),
            comment__entry__project__cohort__programme_id__in=roles_of(user).adviser_programmes,
        )
        .annotate(total=Window(Count("pk")))
        .select_related("author", "comment__entry__project")
        .order_by("-created", "-pk")[:limit]
    )


def reply_recipient(reply: CommentReply) -> User | None:
    """Who a reply is for: the commenting adviser when the fellow wrote it, else the
    fellow; nobody once they have left that role or been deactivated."""
    project = reply.comment.entry.project
    if reply.author_id == project.fellow_id:
        recipient = reply.comment.author
        still_there = Membership.objects.filter(
            user=recipient,
            programme_id=project.cohort.programme_id,
            role=Role.ADVISER,
            is_active=True,
        )
    else:
        recipient = project.fellow
        still_there = Membership.objects.active_fellows(project.cohort).filter(user=recipient)
    if recipient is None or not recipient.is_active or not still_there.exists():
        return None
    return recipient
