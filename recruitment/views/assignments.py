"""The adviser assigns reviewers: the round's overview, suggestions, and by hand."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.models import User
from core.forms import show_errors
from core.pagination import page_of
from core.permissions import object_permission_required
from recruitment.forms.assignments import AssignForm
from recruitment.models import Application, ReviewAssignment, Round
from recruitment.selectors import assignments as selectors
from recruitment.services import assignments as services

ROUNDS = Round.objects.select_related("cohort__programme")
APPLICATIONS = Application.objects.select_related("round__cohort__programme", "applicant")
ASSIGNMENTS = ReviewAssignment.objects.select_related(
    "application__round__cohort__programme", "reviewer"
)
PER_PAGE = 50


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@object_permission_required("recruitment.manage_reviews", model=Round, queryset=ROUNDS)
def round_assignments(request, round_):
    page = page_of(request, selectors.assignment_overview(round_), PER_PAGE)
    reviewers = selectors.reviewers_of(page.object_list)
    for application in page.object_list:
        application.reviewer_assignments = reviewers.get(application.pk, [])
    load = selectors.load_of(round_)
    panel = [
        (membership, load[membership.user_id]) for membership in selectors.round_reviewers(round_)
    ]
    return render(
        request,
        "recruitment/review/assignments.html",
        {
            "round": round_,
            "page": page,
            "panel": panel,
            "needing": selectors.needing_reviewers(round_),
            "per_application": selectors.REVIEWERS_PER_APPLICATION,
        },
    )


@require_POST
@object_permission_required("recruitment.manage_reviews", model=Round, queryset=ROUNDS)
def assignments_suggest(request, round_):
    made, short = services.assignments_suggest(round_=round_, by=request.user)
    if made:
        messages.success(request, f"{_plural(made, 'assignment')} made")
    elif not short:
        messages.info(request, "Every application already has enough reviewers")
    if short:
        messages.warning(
            request,
            f"{_plural(short, 'application')} could not be given "
            f"{selectors.REVIEWERS_PER_APPLICATION} reviewers without a conflict: "
            "invite more reviewers or assign by hand",
        )
    return redirect("recruitment:assignments", round_.pk)


@object_permission_required("recruitment.manage_reviews", model=Application, queryset=APPLICATIONS)
def application_reviewers(request, application):
    reviewers = User.objects.filter(
        pk__in=selectors.round_reviewers(application.round).values("user_id")
    ).order_by("name", "pk")
    form = AssignForm(request.POST or None, reviewers=reviewers)
    if request.method == "POST" and form.is_valid():
        reviewer = form.cleaned_data["reviewer"]
        try:
            services.assignment_create(application=application, reviewer=reviewer, by=request.user)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{reviewer.name} assigned to {application.reference}")
            return redirect("recruitment:application_reviewers", application.pk)
    assignments = selectors.reviewers_of([application]).get(application.pk, [])
    return render(
        request,
        "recruitment/review/application_reviewers.html",
        {
            "application": application,
            "round": application.round,
            "assignments": assignments,
            "free": selectors.free_reviewers(application),
            "form": form,
        },
    )


@require_POST
@object_permission_required(
    "recruitment.manage_reviews", model=ReviewAssignment, queryset=ASSIGNMENTS
)
def assignment_remove(request, assignment):
    application = assignment.application
    try:
        services.assignment_remove(assignment=assignment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{assignment.reviewer.name} no longer reviews this application")
    return redirect("recruitment:application_reviewers", application.pk)
