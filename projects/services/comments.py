"""Advisers' comments on progress entries, and the fellow reading them."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.mail import enqueue
from projects.models import Comment, ProgressEntry, Project


@transaction.atomic
def comment_create(*, entry: ProgressEntry, author: User, body: str) -> Comment:
    """An adviser's comment; the fellow is emailed once it is committed."""
    comment = Comment(entry=entry, author=author, body=body)
    comment.full_clean()
    comment.save()
    enqueue("projects.tasks.send_comment_email", comment.pk)
    return comment


def comments_mark_read(
    *,
    fellow: User,
    project: Project,
    entry: ProgressEntry | None = None,
    entries: list[ProgressEntry] | None = None,
) -> int:
    """Mark the fellow's unread comments on a project (or on one entry, or some entries,
    of it) as read."""
    if project.fellow_id != fellow.pk:
        return 0
    comments = Comment.objects.filter(entry__project=project, read_at__isnull=True)
    if entry is not None:
        comments = comments.filter(entry=entry)
    if entries is not None:
        comments = comments.filter(entry__in=entries)
    return comments.update(read_at=timezone.now())
