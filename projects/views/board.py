"""The advisers' way in: their cohorts, and each cohort's board and its CSV.

Views parse input, check permissions and call selectors.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.models import Cohort
from core import cached
from core.changes import cohort_stamp
from core.csv import csv_response
from core.permissions import object_permission_required, permission_required
from projects import export
from projects.forms.board import BoardFilterForm
from projects.selectors import board as selectors
from projects.selectors.projects import QUIET_DAYS
from projects.views.projects import COHORTS

BOARD_COLUMNS = [
    ("fellow", "Fellow"),
    ("project", "Project"),
    ("status", "Status"),
    ("rag", "Latest RAG"),
    ("last_entry", "Last entry"),
    ("overdue", "Overdue milestones"),
]


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
@cached.page(lambda request, cohort: cohort_stamp(cohort))
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
    context = {
        "cohort": cohort,
        "projects": projects,
        "filters": filters,
        "columns": columns,
        "quiet_days": QUIET_DAYS,
        "without_project": selectors.fellows_without_project(cohort),
    }
    return render(request, "projects/board.html", context)


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
        about=cohort,
    )
