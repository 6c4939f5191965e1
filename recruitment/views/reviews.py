"""The reviewer's pages: their applications to review, scoring one, declaring a conflict."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core import cached
from core.forms import show_errors
from core.pagination import page_of
from core.permissions import object_permission_required, permission_required
from recruitment.forms.reviews import ConflictForm, OrganisationConflictForm, ReviewForm
from recruitment.models import ReviewAssignment
from recruitment.selectors import reviews as selectors
from recruitment.services import assignments as assignment_services
from recruitment.services import reviews as services

ASSIGNMENTS = ReviewAssignment.objects.select_related(
    "application__round__cohort__programme", "application__applicant", "review"
)
PER_PAGE = 50


@permission_required("recruitment.review_anything")
# A quarter of an hour: what is due turns on the clock.
@cached.page(lambda request: selectors.reviewer_stamp(request.user), minutes=15)
def my_reviews(request):
    form = OrganisationConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assignment_services.conflict_declare_organisation(
                reviewer=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request,
                f"Conflict with {form.cleaned_data['organisation']} noted: you will not be "
                "suggested its applicants",
            )
            return redirect("recruitment:my_reviews")
    assignments = selectors.assignments_of(request.user)
    return render(
        request,
        "recruitment/review/my_reviews.html",
        {
            "page": page_of(request, assignments, PER_PAGE),
            "to_do": selectors.to_do_count(request.user),
            "form": form,
        },
    )


@object_permission_required(
    "recruitment.review_application", model=ReviewAssignment, queryset=ASSIGNMENTS
)
def review(request, assignment):
    application = assignment.application
    own = getattr(assignment, "review", None)
    criteria = selectors.criteria_of(application)
    scores = selectors.scores_of(own)
    form = ReviewForm(request.POST or None, criteria=criteria, scores=scores)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_save(assignment=assignment, marks=form.marks, submit=form.submitting)
        except ValidationError as error:
            show_errors(form, error)
        else:
            if form.submitting:
                messages.success(request, f"Review of {application.reference} submitted")
            else:
                messages.success(request, f"Draft review of {application.reference} saved")
            return redirect("recruitment:review", assignment.pk)
    return render(
        request,
        "recruitment/review/review.html",
        {
            "assignment": assignment,
            "application": application,
            "round": application.round,
            "own": own,
            "submitted": own is not None and own.submitted,
            "scores": [(criterion, scores.get(criterion.pk)) for criterion in criteria],
            "answers": selectors.answers_for_reviewer(application),
            "others": selectors.other_reviews(assignment),
            "form": form,
        },
    )


@object_permission_required(
    "recruitment.review_application", model=ReviewAssignment, queryset=ASSIGNMENTS
)
def conflict(request, assignment):
    application = assignment.application
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            replacement = assignment_services.conflict_declare(
                assignment=assignment, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            if replacement is None:
                messages.success(
                    request,
                    f"Conflict noted: {application.reference} is no longer yours to review. "
                    "No other reviewer is free, so the adviser will assign someone",
                )
            else:
                messages.success(
                    request,
                    f"Conflict noted: {application.reference} has been given to another reviewer",
                )
            return redirect("recruitment:my_reviews")
    return render(
        request,
        "recruitment/review/conflict.html",
        {"assignment": assignment, "application": application, "form": form},
    )
