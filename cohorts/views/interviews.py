"""Intake interviews, what a cohort wants, and the programme's themes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render

from accounts.models import Membership, Programme
from cohorts.forms.interviews import InterviewForm, ThemeForm, goal_formset
from cohorts.models import IntakeInterview, Theme
from cohorts.selectors import interviews as selectors
from cohorts.services import interviews as services
from cohorts.views.cohorts import cohort_permission
from core.forms import show_errors
from core.permissions import object_permission_required


@cohort_permission("cohorts.manage_cohort")
def interviews(request, cohort):
    return render(
        request,
        "cohorts/interviews.html",
        {"cohort": cohort, "fellows": selectors.interview_overview(cohort)},
    )


@cohort_permission("cohorts.manage_cohort")
def cohort_wants(request, cohort):
    return render(
        request,
        "cohorts/cohort_wants.html",
        {"cohort": cohort, "wants": selectors.cohort_wants(cohort), "scale": selectors.SCALE},
    )


@object_permission_required(
    "cohorts.record_interview",
    model=Membership,
    queryset=Membership.objects.active_fellows().select_related(
        "user", "cohort", "cohort__programme"
    ),
)
def interview_record(request, membership):
    cohort, fellow = membership.cohort, membership.user
    interview = selectors.interview_of(fellow, cohort)
    themes = selectors.programme_themes(cohort.programme_id)
    advisers = selectors.interviewers_for(cohort, interview)
    data = request.POST or None
    hopes = "" if interview else selectors.prefilled_hopes(fellow, cohort)
    form = InterviewForm(
        data, advisers=advisers, interview=interview, interviewer=request.user, hopes=hopes
    )
    goals = goal_formset(data, themes=themes, interview=interview)
    if request.method == "POST" and form.is_valid() and goals.is_valid():
        try:
            services.interview_save(
                cohort=cohort, fellow=fellow, goals=goals.goals, **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Intake interview with {fellow.name} saved")
            return redirect("cohorts:interviews", cohort.pk)
    return render(
        request,
        "cohorts/interview_form.html",
        {
            "cohort": cohort,
            "membership": membership,
            "interview": interview,
            "form": form,
            "goals": goals,
            "has_themes": themes.exists(),
        },
    )


@object_permission_required(
    "cohorts.view_goals",
    model=IntakeInterview,
    queryset=IntakeInterview.objects.select_related("cohort", "cohort__programme", "fellow"),
)
def interview_goals(request, interview):
    goals = interview.goals.prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("name"))
    )
    return render(
        request,
        "cohorts/interview_goals.html",
        {"interview": interview, "cohort": interview.cohort, "goals": goals},
    )


@object_permission_required("accounts.manage_programme", model=Programme)
def themes(request, programme):
    form = ThemeForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            theme = services.theme_create(programme=programme, name=form.cleaned_data["name"])
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{theme.name} added")
            return redirect("cohorts:themes", programme.pk)
    return render(
        request,
        "cohorts/themes.html",
        {
            "programme": programme,
            "themes": selectors.themes_with_use(programme),
            "form": form,
        },
    )


@object_permission_required(
    "cohorts.change_theme", model=Theme, queryset=Theme.objects.select_related("programme")
)
def theme_edit(request, theme):
    form = ThemeForm(request.POST or None, programme=theme.programme, theme=theme)
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_rename(theme=theme, name=form.cleaned_data["name"])
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Theme renamed to {theme.name}")
            return redirect("cohorts:themes", theme.programme_id)
    return render(request, "cohorts/theme_form.html", {"theme": theme, "form": form})
