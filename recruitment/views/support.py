"""The line manager's support: naming them, reminding them, and their answer by link."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.forms import show_errors
from recruitment.forms.support import SupportRequestForm, SupportResponseForm
from recruitment.services import support as services
from recruitment.views.applying import application_permission


@application_permission("recruitment.change_application")
def support_request(request, application):
    support = getattr(application, "support", None)
    initial = (
        {"manager_name": support.manager_name, "manager_email": support.manager_email}
        if support
        else None
    )
    form = SupportRequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            support = services.support_request(application=application, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request, f"We have emailed {support.manager_email} a link to confirm their support"
            )
            return redirect("recruitment:application", application.pk)
    context = {"application": application, "support": support, "form": form}
    return render(request, "recruitment/support_request.html", context)


@require_POST
@application_permission("recruitment.change_application")
def support_remind(request, application):
    support = getattr(application, "support", None)
    if support is None:
        messages.error(request, "Name your line manager first.")
        return redirect("recruitment:support", application.pk)
    try:
        services.support_remind(support=support)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Reminder sent to {support.manager_email}")
    return redirect("recruitment:application", application.pk)


@never_cache
def support_respond(request, token):
    """No account needed: the link is the key. A used, replaced or expired link says so."""
    support = services.support_for_token(token)
    problem = services.link_problem(support)
    form = SupportResponseForm(request.POST or None)
    if problem is None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            support = services.support_respond(
                token=token,
                confirm=data["decision"] == "confirm",
                protected_time=data["protected_time"],
                statement=data["statement"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            return render(request, "recruitment/support_thanks.html", {"support": support})
    context = {"support": support, "form": form, "problem": problem}
    return render(request, "recruitment/support_respond.html", context)
