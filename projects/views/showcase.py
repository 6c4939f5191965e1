"""What fellows see of each other's projects: a cohort's gallery, a learning set's
projects, and the showcase with its running order.

Views parse input, check permissions and call services or selectors.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from accounts.models import Cohort
from cohorts.models import LearningSet
from core.forms import show_errors
from core.permissions import object_permission_required, permission_required
from projects.forms.showcase import ShowcaseOrderForm
from projects.selectors import showcase as selectors
from projects.selectors.projects import latest_fellow_cohort
from projects.services import showcase as services
from projects.views.projects import COHORTS


@require_safe
@permission_required("projects.keep_project")
def my_gallery(request):
    return redirect("projects:gallery", latest_fellow_cohort(request.user).pk)


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
    details = selectors.showcase_details(cohort)
    return render(
        request,
        "projects/showcase_print.html",
        {
            "cohort": cohort,
            "details": details,
            "places": selectors.timed_showcase(cohort, details),
        },
    )


@object_permission_required(
    "projects.manage_showcase", model=Cohort, visible="accounts.view_cohort", queryset=COHORTS
)
def showcase_order(request, cohort):
    form = ShowcaseOrderForm(
        request.POST or None,
        projects=selectors.cohort_projects_for_order(cohort),
        initial=selectors.showcase_details(cohort).form_initial(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.showcase_order_set(
                cohort=cohort,
                project_ids=form.ordered_project_ids(),
                starts_at=form.cleaned_data["starts_at"],
                slot_minutes=form.cleaned_data["slot_minutes"],
            )
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
