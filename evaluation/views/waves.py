"""Advisers' pages for a cohort's waves: the list, adding and changing a wave, its fellows'
responses, working its scores out again, and rating a fellow."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from accounts.models import Cohort
from core.forms import show_errors
from core.mail import enqueue
from core.permissions import object_permission_required, permission_required
from evaluation import tasks
from evaluation.forms import RatingForm, WaveDatesForm, WaveForm
from evaluation.models import Wave
from evaluation.selectors import waves as selectors
from evaluation.selectors.frameworks import frameworks_for_cohort
from evaluation.selectors.scorecards import FELLOWSHIPS
from evaluation.selectors.waves import COHORTS, WAVES
from evaluation.services import waves as services
from evaluation.services.answering import ratings_save


@require_safe
@permission_required("evaluation.view_evaluation")
def index(request):
    return render(
        request,
        "evaluation/index.html",
        {"cohorts": selectors.cohorts_for_evaluation(request.user), "today": timezone.localdate()},
    )


@object_permission_required("evaluation.manage_cohort", model=Cohort, queryset=COHORTS)
def wave_new(request, cohort):
    frameworks = frameworks_for_cohort(cohort)
    form = WaveForm(request.POST or None, cohort=cohort, frameworks=frameworks)
    if request.method == "POST" and form.is_valid():
        try:
            wave = services.wave_create(cohort=cohort, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request,
                f"{wave.get_kind_display()} wave added. Fellows are invited by email when it opens",
            )
            return redirect("evaluation:wave", wave.pk)
    return render(request, "evaluation/wave_form.html", {"cohort": cohort, "form": form})


@require_safe
@object_permission_required("evaluation.manage_wave", model=Wave, queryset=WAVES)
def wave_detail(request, wave):
    fellows = list(selectors.wave_fellows(wave))
    return render(
        request,
        "evaluation/wave_detail.html",
        {
            "wave": wave,
            "cohort": wave.cohort,
            "fellows": fellows,
            "answered": sum(1 for f in fellows if f.submitted_at),
            "rated_count": selectors.rated_indicators(wave).count(),
        },
    )


@object_permission_required("evaluation.manage_wave", model=Wave, queryset=WAVES)
def wave_edit(request, wave):
    initial = {"opens_on": wave.opens_on, "closes_on": wave.closes_on}
    form = WaveDatesForm(request.POST or None, initial=initial, cohort=wave.cohort)
    if request.method == "POST" and form.is_valid():
        try:
            services.wave_update(wave=wave, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Dates changed")
            return redirect("evaluation:wave", wave.pk)
    return render(
        request, "evaluation/wave_form.html", {"cohort": wave.cohort, "wave": wave, "form": form}
    )


@require_POST
@object_permission_required("evaluation.manage_wave", model=Wave, queryset=WAVES)
def wave_recompute(request, wave):
    enqueue(tasks.recompute_wave_scores, wave.pk)
    messages.success(
        request, "The wave's scores are being worked out again from the latest records"
    )
    return redirect("evaluation:wave", wave.pk)


@object_permission_required("evaluation.manage_wave", model=Wave, queryset=WAVES)
def wave_ratings(request, wave, fellow_id):
    membership = get_object_or_404(
        FELLOWSHIPS, cohort_id=wave.cohort_id, user_id=fellow_id, is_active=True
    )
    indicators = list(selectors.rated_indicators(wave))
    initial = {f"rating_{pk}": value for pk, value in selectors.ratings_of(wave, fellow_id).items()}
    form = RatingForm(request.POST or None, indicators=indicators, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            ratings_save(
                wave=wave, fellow=membership.user, ratings=form.ratings(), rated_by=request.user
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Ratings for {membership.user.name} saved")
            return redirect("evaluation:wave", wave.pk)
    return render(
        request,
        "evaluation/ratings.html",
        {"wave": wave, "membership": membership, "form": form, "indicators": indicators},
    )
