"""A fellow's project: setting it up, its page, its details, milestones and impact.

Views parse input, check permissions and call services or selectors.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from accounts.models import Cohort
from core import cached
from core.changes import cohort_stamp
from core.forms import show_errors
from core.pagination import page_of
from core.permissions import object_permission_required, permission_required
from projects.forms.projects import (
    IMPACT_KINDS,
    ImpactStatementForm,
    MilestoneForm,
    ProjectChangeForm,
    ProjectForm,
)
from projects.models import ImpactStatement, Milestone, Project
from projects.selectors import projects as selectors
from projects.selectors.entries import timeline, timeline_entries
from projects.selectors.trend import project_trend
from projects.services import projects as services
from projects.services.comments import comments_mark_read

COHORTS = Cohort.objects.select_related("programme")
PROJECTS = Project.objects.select_related("cohort", "fellow")
MILESTONES = Milestone.objects.select_related("project__cohort")
TIMELINE_PAGE = 10  # entries a page of a project's timeline: each is a card with its comments


# A fellow's project.


@require_safe
@permission_required("projects.keep_project")
def mine(request):
    """A fellow's own project, or the page to start one."""
    project = selectors.current_project_of(request.user)
    if project is not None:
        return redirect("projects:detail", project.pk)
    return redirect("projects:start", selectors.latest_fellow_cohort(request.user).pk)


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
# A quarter of an hour: an entry's change link closes with its window, overdue milestones.
@cached.page(
    lambda request, project: cohort_stamp(project.cohort),
    minutes=15,
)
def detail(request, project):
    is_owner = request.user.pk == project.fellow_id
    project = selectors.project_page(project)
    page = page_of(request, timeline_entries(project), TIMELINE_PAGE)
    # New comments are flagged, then marked read, on the page that shows them.
    entries = list(page)
    unread = (
        {c.pk for entry in entries for c in entry.comments.all() if c.read_at is None}
        if is_owner
        else set()
    )
    if unread:
        comments_mark_read(fellow=request.user, project=project, entries=entries)
    statements = {s.kind: s for s in project.impact_statements.all()}
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "is_owner": is_owner,
            "timeline": timeline(project, page),
            "page": page,
            "trend": project_trend(project),
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
