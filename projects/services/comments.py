"""Advisers' comments on progress entries, the replies under them, and reading them."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.changes import Places, record
from core.mail import enqueue
from projects.models import Comment, CommentReply, ProgressEntry, Project


@transaction.atomic
def comment_create(*, entry: ProgressEntry, author: User, body: str) -> Comment:
    """An adviser's comment; the fellow is emailed once it is committed."""
    comment = Comment(entry=entry, author=author, body=body)
    comment.full_clean()
    comment.save()
    enqueue("projects.tasks.send_comment_email", comment.pk)
    return comment


@transaction.atomic
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
    # Bookkeeping (what a person has seen), not a change to anyone's data: not on the
    # audit trail. The stamp moves only when something was unread, in the same transaction.
    marked = comments.update(read_at=timezone.now())
    if marked:
        record(Places(cohorts={(project.cohort.programme_id, project.cohort_id)}))
    return marked


@transaction.atomic
def reply_create(*, comment: Comment, author: User, body: str) -> CommentReply:
    """A reply under an adviser's comment; whoever it is for is emailed once committed."""
    reply = CommentReply(comment=comment, author=author, body=body)
    reply.full_clean()
    reply.save()
    enqueue("projects.tasks.send_reply_email", reply.pk)
    return reply


@transaction.atomic
def replies_mark_read(*, reader: User, entry: ProgressEntry) -> int:
    """Mark the replies on the entry's comments written for `reader` as read: advisers'
    replies for the entry's fellow, the fellow's replies for the adviser who commented."""
    replies = CommentReply.objects.filter(comment__entry=entry, read_at__isnull=True)
    fellow_id = entry.project.fellow_id
    if reader.pk == fellow_id:
        replies = replies.exclude(author_id=fellow_id)
    else:
        replies = replies.filter(comment__author=reader, author_id=fellow_id)
    # Bookkeeping, as above: not on the audit trail.
    marked = replies.update(read_at=timezone.now())
    if marked:
        cohort = entry.project.cohort
        record(Places(cohorts={(cohort.programme_id, cohort.pk)}))
    return marked
