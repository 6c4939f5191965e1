"""Erasing a person: one adviser asks, another adviser of the programme confirms; a
superuser's request is done at once."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.models import Programme
from core.forms import show_errors
from core.permissions import object_permission_required
from privacy import selectors
from privacy.forms import ErasureRequestForm
from privacy.models import Erasure
from privacy.services import erasure as services


@object_permission_required("privacy.manage_programme", model=Programme)
def erasures(request, programme):
    form = ErasureRequestForm(request.POST or None, programme=programme, by=request.user)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        name = person.name
        try:
            if request.user.is_superuser:
                label = services.erasure_now(person=person, by=request.user, programme=programme)
            else:
                services.erasure_request(person=person, programme=programme, by=request.user)
        except ValidationError as error:
            show_errors(form, error)
        else:
            if request.user.is_superuser:
                messages.success(request, f"{name} has been erased. They are now {label}.")
            else:
                messages.success(
                    request,
                    f"Erasure of {name} asked for. Another adviser of {programme} must "
                    "confirm it before anything is erased.",
                )
            return redirect("privacy:erasures", programme.pk)
    return render(
        request,
        "privacy/erasures.html",
        {
            "programme": programme,
            "form": form,
            "waiting": selectors.open_erasures(programme),
            "done": selectors.done_erasures(programme)[:50],
        },
    )


@require_POST
@object_permission_required(
    "privacy.confirm_erasure",
    model=Erasure,
    visible="privacy.view_erasure",
    queryset=Erasure.objects.select_related("person"),
)
def erasure_confirm(request, erasure):
    name = erasure.person.name
    try:
        label = services.erasure_confirm(erasure=erasure, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{name} has been erased. They are now {label}.")
    return redirect("privacy:erasures", erasure.programme_id)


@require_POST
@object_permission_required("privacy.withdraw_erasure", model=Erasure)
def erasure_withdraw(request, erasure):
    try:
        services.erasure_withdraw(erasure=erasure)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The erasure request was withdrawn. Nothing was erased.")
    return redirect("privacy:erasures", erasure.programme_id)
