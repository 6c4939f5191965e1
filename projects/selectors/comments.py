"""Advisers' comments: those a fellow has not read, and those still to be emailed."""

import datetime

from django.db.models import QuerySet

from accounts.roles import roles_of
from accounts.selectors import is_active_fellow
from projects.models import Comment


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
