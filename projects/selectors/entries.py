"""A progress entry's page, and a project's timeline of entries and milestones."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from projects.models import (
    Comment,
    CommentReply,
    Milestone,
    ProgressEntry,
    ProgressEntryRevision,
    Project,
)


def entry_page(entry: ProgressEntry) -> ProgressEntry:
    return (
        ProgressEntry.objects.filter(pk=entry.pk)
        .select_related("project__cohort__programme", "project__fellow", "author")
        .prefetch_related(
            "evidence_links",
            Prefetch("comments", queryset=Comment.objects.select_related("author")),
            Prefetch("comments__replies", queryset=CommentReply.objects.select_related("author")),
            Prefetch(
                "revisions", queryset=ProgressEntryRevision.objects.select_related("edited_by")
            ),
        )
        .get()
    )


def unread_reply_ids(entry: ProgressEntry, reader) -> set[int]:
    """Ids of the replies on an `entry_page` written for `reader` and not
    yet read: advisers' replies for the fellow, the fellow's for the commenting adviser."""
    fellow_id = entry.project.fellow_id
    return {
        reply.pk
        for comment in entry.comments.all()
        for reply in comment.replies.all()
        if reply.read_at is None
        and (
            reply.author_id != fellow_id
            if reader.pk == fellow_id
            else comment.author_id == reader.pk and reply.author_id == fellow_id
        )
    }


@dataclass(frozen=True)
class TimelineItem:
    date: datetime.date
    entry: ProgressEntry | None = None
    milestone: Milestone | None = None


def timeline_entries(project: Project) -> QuerySet[ProgressEntry]:
    """The project's entries newest first, with what the timeline shows of each."""
    return project.entries.order_by("-happened_on", "-created", "-pk").prefetch_related(
        "evidence_links",
        Prefetch("comments", queryset=Comment.objects.select_related("author")),
    )


def timeline(project: Project, page) -> list[TimelineItem]:
    """One page of what has happened, newest first: the page's entries (`page` of
    `timeline_entries`), and the milestones done or missed in the stretch of time they cover.

    A page covers from its oldest entry up to the next page's newest; the first page runs
    on to today and the last back to the start, so every milestone shows on exactly one page.
    Milestones still ahead are left to the milestones table. Uses the prefetched milestones.
    """
    today = timezone.localdate()
    entries = list(page)
    newest = today
    if page.has_previous():
        # The oldest entry of the page before: one row, by position.
        newest = timeline_entries(project).values_list("happened_on", flat=True)[
            page.start_index() - 2
        ]
    oldest = entries[-1].happened_on if entries and page.has_next() else None
    items = [TimelineItem(entry.happened_on, entry=entry) for entry in entries]
    for milestone in project.milestones.all():
        when = milestone.done_on or milestone.due_on
        in_range = when <= today and (oldest is None or when >= oldest)
        if in_range and (not page.has_previous() or when < newest):
            items.append(TimelineItem(when, milestone=milestone))
    return sorted(items, key=lambda item: (item.date, item.entry is not None), reverse=True)
