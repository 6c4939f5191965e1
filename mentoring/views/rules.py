"""Advisers set their programme's mentoring rules."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from accounts.models import Programme
from core.forms import show_errors
from core.permissions import object_permission_required
from mentoring.forms import RulesForm
from mentoring.selectors.rules import rules_for
from mentoring.services import rules as services


@object_permission_required("mentoring.change_rules", model=Programme)
def rules_edit(request, programme):
    rules = rules_for(programme)
    form = RulesForm(request.POST or None, instance=rules)
    if request.method == "POST" and form.is_valid():
        try:
            services.mentoring_rules_update(programme=programme, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Mentoring rules saved.")
            return redirect("mentoring:uptake", programme.pk)
    return render(request, "mentoring/rules_edit.html", {"programme": programme, "form": form})
