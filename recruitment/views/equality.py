"""Equality monitoring: the applicant's own optional answers, and advisers' counts per stage.
No page shows anyone's answers but the applicant's own."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from core import cached
from core.changes import round_stamp
from core.forms import show_errors
from core.permissions import object_permission_required
from recruitment.forms.equality import EqualityForm
from recruitment.models import Application, EqualityResponse
from recruitment.selectors import equality as selectors
from recruitment.selectors.equality import QUESTIONS
from recruitment.services import equality as services
from recruitment.views.applying import APPLICATIONS
from recruitment.views.rounds import round_permission


@object_permission_required(
    "recruitment.change_application", model=Application, queryset=APPLICATIONS
)
def equality_form(request, application):
    """Only the applicant knows this page exists: advisers and reviewers get a 404."""
    response = EqualityResponse.objects.filter(application=application).first()
    initial = {name: getattr(response, name) for name, _, _ in QUESTIONS} if response else None
    form = EqualityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.equality_save(application=application, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Thank you. Your equality monitoring answers are saved.")
            return redirect("recruitment:application", application.pk)
    return render(
        request, "recruitment/equality_form.html", {"application": application, "form": form}
    )


@require_safe
@round_permission("recruitment.view_equality_summary")
@cached.page(lambda request, round_: round_stamp(round_.pk))
def equality_summary(request, round_):
    context = {
        "round": round_,
        "stages": [label for _, label in selectors.STAGES],
        "tables": selectors.equality_summary(round_),
        "without": selectors.shown(selectors.submitted_without_monitoring(round_)),
    }
    return render(request, "recruitment/equality_summary.html", context)
