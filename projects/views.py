"""Project pages. Views parse input, check permissions and call services or selectors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from accounts.models import Cohort
from cohorts.models import LearningSet
from core.csv import csv_response
from core.forms import show_errors
from core.pagination import page_of
from core.permissions import object_permission_required, permission_required
from projects import export, selectors, services
from projects.forms import (
    IMPACT_KINDS,
    BoardFilterForm,
    CommentForm,
    ImpactStatementForm,
    MilestoneForm,
    ProgressEntryForm,
    ProjectChangeForm,
    ProjectForm,
    ShowcaseOrderForm,
)
from projects.models import ImpactStatement, Milestone, ProgressEntry, Project

COHORTS = Cohort.objects.select_related("programme")
PROJECTS = Project.objects.select_related("cohort", "fellow")
ENTRIES = ProgressEntry.objects.select_related("project__cohort", "project__fellow")
MILESTONES = Milestone.objects.select_related("project__cohort")
TIMELINE_PAGE = 10  # entries a page of a project's timeline: each is a card with its comments

BOARD_COLUMNS = [
    ("fellow", "Fellow"),
    ("project", "Project"),
    ("status", "Status"),
    ("rag", "Latest RAG"),
    ("last_entry", "Last entry"),
    ("overdue", "Overdue milestones"),
]


# Where the navigation points.


@require_safe
@login_required
def index(request):
    """Advisers: the board of their running cohort, or a choice of cohorts."""
    if not request.user.has_perm("projects.watch_projects"):
        if request.user.has_perm("projects.keep_project"):
            return redirect("projects:mine")
        raise PermissionDenied
    cohorts = list(selectors.cohorts_advised_by(request.user))
    running = [cohort for cohort in cohorts if cohort.status == Cohort.Status.RUNNING]
    if len(running) == 1:
        return redirect("projects:board", running[0].pk)
    return render(request, "projects/cohorts.html", {"cohorts": cohorts})


@require_safe
@permission_required("projects.watch_projects")
def cohorts(request):
    cohorts = selectors.cohorts_advised_by(request.user)
    return render(request, "projects/cohorts.html", {"cohorts": cohorts})


@require_safe
@permission_required("projects.keep_project")
def mine(request):
    """A fellow's own project, or the page to start one."""
    project = selectors.current_project_of(request.user)
    if project is not None:
        return redirect("projects:detail", project.pk)
    return redirect("projects:start", selectors.latest_fellow_cohort(request.user).pk)


@require_safe
@permission_required("projects.keep_project")
def my_gallery(request):
    return redirect("projects:gallery", selectors.latest_fellow_cohort(request.user).pk)


# A fellow's project.


@object_permission_required(
    "projects.start_project", model=Cohort, visible="accounts.view_cohort", queryset=COHORTS
)
def start(request, cohort):
    existing = selectors.project_of(request.user, cohort)
    if existing is not None:
        return redirect("projects:detail", existing.pk)
    form = ProjectForm(
        request.POST or None,
        programme_id=cohort.programme_id,
        initial={"organisation": selectors.organisation_of(request.user, cohort)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(
                cohort=cohort, fellow=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            existing = selectors.project_of(request.user, cohort)
            if existing is not None:  # set up meanwhile, say in another tab
                return redirect("projects:detail", existing.pk)
            show_errors(form, error)
        else:
            messages.success(
                request, "Your project is set up. Add milestones and your first entry."
            )
            return redirect("projects:detail", project.pk)
    return render(request, "projects/project_start.html", {"cohort": cohort, "form": form})


@require_safe
@object_permission_required(
    "projects.view_project", model=Project, visible="projects.view_project_card", queryset=PROJECTS
)
def detail(request, project):
    is_owner = request.user.pk == project.fellow_id
    project = selectors.project_page(project)
    page = page_of(request, selectors.timeline_entries(project), TIMELINE_PAGE)
    # New comments are flagged, then marked read, on the page that shows them.
    entries = list(page)
    unread = (
        {c.pk for entry in entries for c in entry.comments.all() if c.read_at is None}
        if is_owner
        else set()
    )
    if unread:
        services.comments_mark_read(fellow=request.user, project=project, entries=entries)
    statements = {s.kind: s for s in project.impact_statements.all()}
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "is_owner": is_owner,
            "timeline": selectors.timeline(project, page),
            "page": page,
            "trend": selectors.project_trend(project),
            "milestones": list(project.milestones.all()),
            "unread": unread,
            "impact": [(kind, label, statements.get(kind)) for kind, label in IMPACT_KINDS.items()],
            "follow_up_open": services.follow_up_is_open(project),
            "quiet_days": selectors.QUIET_DAYS,
        },
    )


@object_permission_required(
    "projects.change_project",
    model=Project,
    visible="projects.view_project_card",
    queryset=PROJECTS,
)
def edit(request, project):
    fields = {name: getattr(project, name) for name in services.PROJECT_FIELDS}
    fields["themes"] = list(project.themes.all())
    form = ProjectChangeForm(
        request.POST or None, programme_id=project.cohort.programme_id, initial=fields
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(project=project, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Project details saved")
            return redirect("projects:detail", project.pk)
    return render(request, "projects/project_edit.html", {"project": project, "form": form})


# Progress entries.


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
        services.comments_mark_read(fellow=request.user, project=entry.project, entry=entry)
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
            "unread": unread,
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
    services.comment_create(entry=entry, author=request.user, body=form.cleaned_data["body"])
    messages.success(request, f"Comment sent to {entry.project.fellow.name}")
    return redirect("projects:entry", entry.pk)


# Milestones.


@object_permission_required(
    "projects.change_milestone",
    model=Project,
    visible="projects.view_project_card",
    queryset=PROJECTS,
)
def milestone_add(request, project):
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.milestone_create(project=project, **form.cleaned_data)
        messages.success(request, "Milestone added")
        return redirect("projects:detail", project.pk)
    return render(request, "projects/milestone_form.html", {"project": project, "form": form})


@object_permission_required(
    "projects.change_milestone",
    model=Milestone,
    visible="projects.view_project",
    queryset=MILESTONES,
)
def milestone_edit(request, milestone):
    initial = {"title": milestone.title, "due_on": milestone.due_on, "done_on": milestone.done_on}
    form = MilestoneForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.milestone_update(milestone=milestone, **form.cleaned_data)
        messages.success(request, "Milestone saved")
        return redirect("projects:detail", milestone.project_id)
    return render(
        request,
        "projects/milestone_form.html",
        {"project": milestone.project, "milestone": milestone, "form": form},
    )


@require_POST
@object_permission_required(
    "projects.change_milestone",
    model=Milestone,
    visible="projects.view_project",
    queryset=MILESTONES,
)
def milestone_delete(request, milestone):
    services.milestone_delete(milestone=milestone)
    messages.success(request, f"Milestone “{milestone.title}” removed")
    return redirect("projects:detail", milestone.project_id)


# Impact.


@object_permission_required(
    "projects.write_impact",
    model=Project,
    visible="projects.view_project_card",
    queryset=PROJECTS,
)
def impact_edit(request, project, kind):
    if kind not in IMPACT_KINDS:
        raise Http404("No such impact statement")
    if kind == ImpactStatement.Kind.FOLLOW_UP and not services.follow_up_is_open(project):
        return render(request, "projects/impact_not_yet.html", {"project": project}, status=403)
    statement = selectors.impact_statement_of(project, kind)
    initial = {}
    if statement is not None:
        initial = {name: getattr(statement, name) for name in ImpactStatementForm.base_fields}
    form = ImpactStatementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.impact_statement_save(project=project, kind=kind, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{IMPACT_KINDS[kind]} impact statement saved")
            return redirect("projects:detail", project.pk)
    return render(
        request,
        "projects/impact_form.html",
        {"project": project, "kind": kind, "kind_label": IMPACT_KINDS[kind], "form": form},
    )


# Cohort-wide pages.


def _board_options(request) -> tuple[BoardFilterForm, dict]:
    """Filters and sort from the query string; anything unknown is ignored, never a 500."""
    form = BoardFilterForm(request.GET)
    form.is_valid()
    options = {name: form.cleaned_data.get(name) or "" for name in form.fields}
    sort = request.GET.get("sort", "fellow")
    descending = sort.startswith("-")
    sort = sort.removeprefix("-")
    if sort not in selectors.BOARD_SORTS:
        sort, descending = "fellow", False
    return form, {**options, "sort": sort, "descending": descending}


@require_safe
@object_permission_required(
    "projects.view_board", model=Cohort, visible="accounts.view_cohort", queryset=COHORTS
)
def board(request, cohort):
    filters, options = _board_options(request)
    projects = selectors.board(cohort, today=timezone.localdate(), **options)
    columns = []
    for key, label in BOARD_COLUMNS:
        current = key == options["sort"]
        columns.append(
            {
                "label": label,
                "numeric": key == "overdue",
                "aria_sort": (
                    ("descending" if options["descending"] else "ascending") if current else ""
                ),
                "next_sort": f"-{key}" if current and not options["descending"] else key,
            }
        )
    return render(
        request,
        "projects/board.html",
        {
            "cohort": cohort,
            "projects": projects,
            "filters": filters,
            "columns": columns,
            "quiet_days": selectors.QUIET_DAYS,
            "without_project": selectors.fellows_without_project(cohort),
        },
    )


@require_safe
@object_permission_required(
    "projects.view_board", model=Cohort, visible="accounts.view_cohort", queryset=COHORTS
)
def board_csv(request, cohort):
    _, options = _board_options(request)
    projects = selectors.board(cohort, today=timezone.localdate(), **options)
    return csv_response(
        f"project board {cohort.name} {timezone.localdate():%Y-%m-%d}",
        export.HEADER,
        export.board_rows(projects.iterator(chunk_size=500)),
    )


@require_safe
@object_permission_required(
    "projects.view_gallery", model=Cohort, visible="accounts.view_cohort", queryset=COHORTS
)
def gallery(request, cohort):
    return render(
        request,
        "projects/gallery.html",
        {
            "cohort": cohort,
            "projects": selectors.gallery(cohort),
            "is_adviser": request.user.has_perm("projects.view_board", cohort),
        },
    )


@require_safe
@object_permission_required(
    "projects.view_showcase", model=Cohort, visible="accounts.view_cohort", queryset=COHORTS
)
def showcase(request, cohort):
    return render(
        request,
        "projects/showcase.html",
        {
            "cohort": cohort,
            "places": selectors.showcase(cohort),
            "is_adviser": request.user.has_perm("projects.manage_showcase", cohort),
        },
    )


@require_safe
@object_permission_required(
    "projects.manage_showcase", model=Cohort, visible="accounts.view_cohort", queryset=COHORTS
)
def showcase_print(request, cohort):
    return render(
        request,
        "projects/showcase_print.html",
        {"cohort": cohort, "places": selectors.showcase(cohort)},
    )


@object_permission_required(
    "projects.manage_showcase", model=Cohort, visible="accounts.view_cohort", queryset=COHORTS
)
def showcase_order(request, cohort):
    form = ShowcaseOrderForm(
        request.POST or None, projects=selectors.cohort_projects_for_order(cohort)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.showcase_order_set(cohort=cohort, project_ids=form.ordered_project_ids())
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Running order saved")
            return redirect("projects:showcase", cohort.pk)
    return render(request, "projects/showcase_order.html", {"cohort": cohort, "form": form})


@require_safe
@object_permission_required(
    "projects.view_set_projects",
    model=LearningSet,
    visible="cohorts.view_learning_set",
    queryset=LearningSet.objects.select_related("cohort__programme", "facilitator"),
)
def set_projects(request, learning_set):
    return render(
        request,
        "projects/set_projects.html",
        {
            "learning_set": learning_set,
            "members": selectors.set_members_with_projects(learning_set),
        },
    )
