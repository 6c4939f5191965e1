"""Advisers' framework pages: the list, a framework, a programme's copy, and edits to its
statements (an edit to a version with answers makes a new version)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from accounts.selectors import programmes_advised_by
from core.forms import show_errors
from core.permissions import object_permission_required, permission_required
from evaluation.forms import FrameworkCopyForm, IndicatorForm, NewIndicatorForm
from evaluation.models import Domain, Framework, Indicator
from evaluation.selectors import frameworks as selectors
from evaluation.services import frameworks as services


@require_safe
@permission_required("evaluation.view_evaluation")
def framework_list(request):
    return render(
        request,
        "evaluation/framework_list.html",
        {"frameworks": selectors.frameworks_visible_to(request.user)},
    )


@require_safe
@object_permission_required(
    "evaluation.view_framework",
    model=Framework,
    queryset=Framework.objects.select_related("programme"),
)
def framework_detail(request, framework):
    newest = selectors.newest_version(framework)
    return render(
        request,
        "evaluation/framework_detail.html",
        {
            "framework": framework,
            "domains": selectors.framework_detail(framework),
            "newest": newest,
            "is_newest": newest is None or newest.pk == framework.pk,
            "can_change": request.user.has_perm("evaluation.change_framework", framework),
        },
    )


@object_permission_required(
    "evaluation.view_framework",
    model=Framework,
    queryset=Framework.objects.select_related("programme"),
)
def framework_copy(request, framework):
    programmes = programmes_advised_by(request.user)
    form = FrameworkCopyForm(
        request.POST or None,
        programmes=programmes,
        initial={"name": f"{framework.name} (our version)"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.framework_copy(framework=framework, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"“{copy.name}” is your programme's copy; you can edit it")
            return redirect("evaluation:framework", copy.pk)
    return render(request, "evaluation/framework_copy.html", {"framework": framework, "form": form})


def _after_edit(request, before: Framework, after_id: int) -> None:
    if after_id != before.pk:
        messages.success(
            request,
            f"Version {before.version} already has answers, so your change made a new "
            f"version. Waves that used version {before.version} keep it.",
        )
    else:
        messages.success(request, "Framework changed")


@object_permission_required(
    "evaluation.change_framework",
    visible="evaluation.view_framework",
    model=Domain,
    queryset=Domain.objects.select_related("framework"),
)
def indicator_new(request, domain):
    form = NewIndicatorForm(request.POST or None, initial={"weight": 1})
    if request.method == "POST" and form.is_valid():
        try:
            indicator = services.indicator_create(domain=domain, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            _after_edit(request, domain.framework, indicator.domain.framework_id)
            return redirect("evaluation:framework", indicator.domain.framework_id)
    return render(
        request,
        "evaluation/indicator_form.html",
        {"framework": domain.framework, "domain": domain, "form": form},
    )


INDICATORS = Indicator.objects.select_related("domain__framework")


@object_permission_required(
    "evaluation.change_framework",
    visible="evaluation.view_framework",
    model=Indicator,
    queryset=INDICATORS,
)
def indicator_edit(request, indicator):
    framework = indicator.domain.framework
    initial = {
        "statement": indicator.statement,
        "weight": indicator.weight,
        "asks_then": indicator.asks_then,
    }
    form = IndicatorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.indicator_update(indicator=indicator, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            _after_edit(request, framework, changed.domain.framework_id)
            return redirect("evaluation:framework", changed.domain.framework_id)
    return render(
        request,
        "evaluation/indicator_form.html",
        {"framework": framework, "domain": indicator.domain, "indicator": indicator, "form": form},
    )


@require_POST
@object_permission_required(
    "evaluation.change_framework",
    visible="evaluation.view_framework",
    model=Indicator,
    queryset=INDICATORS,
)
def indicator_delete(request, indicator):
    framework = indicator.domain.framework
    try:
        changed = services.indicator_delete(indicator=indicator)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("evaluation:framework", framework.pk)
    _after_edit(request, framework, changed.pk)
    return redirect("evaluation:framework", changed.pk)
