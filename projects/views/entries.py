"""Progress entries: logging one, its page with advisers' comments, and changing it.

Views parse input, check permissions and call services or selectors.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from core.permissions import object_permission_required
from projects.forms.entries import CommentForm, ProgressEntryForm, ReplyForm
from projects.models import Comment, ProgressEntry, Project
from projects.selectors import entries as selectors
from projects.services import entries as services
from projects.services.comments import (
    comment_create,
    comments_mark_read,
    replies_mark_read,
    reply_create,
)
from projects.views.projects import PROJECTS

ENTRIES = ProgressEntry.objects.select_related("project__cohort", "project__fellow")
COMMENTS = Comment.objects.select_related(
    "author", "entry__project__cohort", "entry__project__fellow"
)


def _next_url(request) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


@object_permission_required(
    "projects.add_entry", model=Project, visible="projects.view_project_card", queryset=PROJECTS
)
def entry_add(request, project):
    form = ProgressEntryForm(request.POST or None, initial={"happened_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        services.progress_entry_create(project=project, author=request.user, **form.cleaned_data)
        messages.success(request, "Progress entry added")
        return redirect(_next_url(request) or reverse("projects:detail", args=[project.pk]))
    return render(
        request,
        "projects/entry_form.html",
        {"project": project, "form": form, "next": _next_url(request) or ""},
    )


@require_safe
@object_permission_required("projects.view_project", model=ProgressEntry, queryset=ENTRIES)
def entry_detail(request, entry):
    return _entry_page(request, entry, CommentForm())


def _entry_page(request, entry, form):
    is_owner = request.user.pk == entry.project.fellow_id
    entry = selectors.entry_page(entry)
    unread = {c.pk for c in entry.comments.all() if c.read_at is None} if is_owner else set()
    if unread:
        comments_mark_read(fellow=request.user, project=entry.project, entry=entry)
    unread_replies = selectors.unread_reply_ids(entry, request.user)
    if unread_replies:
        replies_mark_read(reader=request.user, entry=entry)
    return render(
        request,
        "projects/entry_detail.html",
        {
            "entry": entry,
            "project": entry.project,
            "is_owner": is_owner,
            "can_edit": request.user.has_perm("projects.change_entry", entry)
            and entry.is_editable(),
            "can_comment": request.user.has_perm("projects.comment_on_entry", entry),
            "can_reply": request.user.has_perm("projects.reply_to_comment", entry),
            "unread": unread,
            "unread_replies": unread_replies,
            "form": form,
        },
    )


@object_permission_required(
    "projects.change_entry", model=ProgressEntry, visible="projects.view_project", queryset=ENTRIES
)
def entry_edit(request, entry):
    if not entry.is_editable():
        return render(request, "projects/entry_locked.html", {"entry": entry}, status=403)
    form = ProgressEntryForm(request.POST or None, initial=ProgressEntryForm.initial_for(entry))
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_entry_update(entry=entry, editor=request.user, **form.cleaned_data)
        except services.EntryLocked:
            return render(request, "projects/entry_locked.html", {"entry": entry}, status=403)
        messages.success(
            request, "Progress entry saved. The earlier version is kept in its history."
        )
        return redirect("projects:entry", entry.pk)
    return render(
        request,
        "projects/entry_form.html",
        {"project": entry.project, "entry": entry, "form": form},
    )


@require_POST
@object_permission_required(
    "projects.comment_on_entry",
    model=ProgressEntry,
    visible="projects.view_project",
    queryset=ENTRIES,
)
def comment_add(request, entry):
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _entry_page(request, entry, form)
    comment_create(entry=entry, author=request.user, body=form.cleaned_data["body"])
    messages.success(request, f"Comment sent to {entry.project.fellow.name}")
    return redirect("projects:entry", entry.pk)


@object_permission_required("projects.reply_to_comment", model=Comment, queryset=COMMENTS)
def reply_add(request, comment):
    """Reply in the thread under an adviser's comment."""
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reply_create(comment=comment, author=request.user, body=form.cleaned_data["body"])
        messages.success(request, "Reply sent")
        return redirect(
            reverse("projects:entry", args=[comment.entry_id]) + f"#comment-{comment.pk}"
        )
    return render(
        request,
        "projects/reply_form.html",
        {
            "comment": comment,
            "entry": comment.entry,
            "project": comment.entry.project,
            "form": form,
        },
    )
