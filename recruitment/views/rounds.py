"""Advisers' rounds: the list, opening and changing a round, its page and its criteria."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.models import Programme
from accounts.roles import roles_of
from core.forms import show_errors
from core.permissions import object_permission_required
from recruitment.forms.rounds import CriterionForm, RoundForm
from recruitment.models import Criterion, Round
from recruitment.selectors import rounds as selectors
from recruitment.services import rounds as services
from recruitment.services.applying import round_is_open

ROUNDS = Round.objects.select_related("cohort__programme", "form")


def round_permission(perm: str = "recruitment.manage_round"):
    return object_permission_required(perm, model=Round, queryset=ROUNDS)


@login_required
def round_list(request):
    """Advisers' recruitment page; anyone else is taken to their own applications."""
    roles = roles_of(request.user)
    if not roles.is_adviser:
        return redirect("recruitment:mine")
    programmes = Programme.objects.filter(pk__in=roles.adviser_programmes).order_by("name")
    rounds = list(selectors.rounds_advised_by(request.user))
    sections = [
        (programme, [r for r in rounds if r.cohort.programme_id == programme.pk])
        for programme in programmes
    ]
    return render(request, "recruitment/round_list.html", {"sections": sections})


@object_permission_required("accounts.manage_programme", model=Programme)
def round_create(request, programme):
    form = RoundForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_create(cohort=form.cleaned_data["cohort"], **form.round_fields)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{round_.title} created. Add its criteria and questions.")
            return redirect("recruitment:round", round_.pk)
    return render(request, "recruitment/round_form.html", {"programme": programme, "form": form})


@round_permission()
def round_edit(request, round_):
    form = RoundForm(request.POST or None, programme=round_.cohort.programme, round_=round_)
    if request.method == "POST" and form.is_valid():
        try:
            services.round_update(round_=round_, **form.round_fields)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{round_.title} saved")
            return redirect("recruitment:round", round_.pk)
    return render(
        request,
        "recruitment/round_form.html",
        {"programme": round_.cohort.programme, "round": round_, "form": form},
    )


def _round_page(request, round_, criterion_form):
    context = {
        "round": round_,
        "is_open": round_is_open(round_),
        "counts": selectors.round_counts(round_),
        "criteria": round_.criteria.all(),
        "questions": round_.form.questions.all(),
        "criterion_form": criterion_form,
    }
    return render(request, "recruitment/round_detail.html", context)


@round_permission()
def round_detail(request, round_):
    return _round_page(request, round_, CriterionForm())


@require_POST
@round_permission()
def criterion_add(request, round_):
    form = CriterionForm(request.POST)
    if form.is_valid():
        try:
            services.criterion_create(round_=round_, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Criterion “{form.cleaned_data['name']}” added")
            return redirect("recruitment:round", round_.pk)
    return _round_page(request, round_, form)


@object_permission_required(
    "recruitment.manage_round",
    model=Criterion,
    queryset=Criterion.objects.select_related("round__cohort"),
)
def criterion_edit(request, criterion):
    form = CriterionForm(request.POST or None, instance=criterion)
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_update(criterion=criterion, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Criterion “{criterion.name}” saved")
            return redirect("recruitment:round", criterion.round_id)
    return render(
        request, "recruitment/criterion_form.html", {"criterion": criterion, "form": form}
    )
