"""Applying: a round's public page, signing up or in from its Apply button, the
application form (drafts kept), submitting, and the applicant's own list."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from accounts.adapters import open_signup_until
from core.forms import show_errors
from core.permissions import object_permission_required
from recruitment.forms.applying import ApplicationAnswersForm
from recruitment.models import Application
from recruitment.selectors import applying as selectors
from recruitment.selectors.rounds import open_rounds, public_rounds
from recruitment.services import applying as services
from recruitment.signals import remember_applied

APPLICATIONS = selectors.APPLICATIONS


def application_permission(perm: str):
    return object_permission_required(
        perm, model=Application, visible="recruitment.view_application", queryset=APPLICATIONS
    )


def round_public(request, pk):
    """Anyone may read a round's page once it has opened."""
    round_ = get_object_or_404(public_rounds(), pk=pk)
    application = None
    if request.user.is_authenticated:
        application = Application.objects.filter(round=round_, applicant=request.user).first()
    context = {
        "round": round_,
        "is_open": services.round_is_open(round_),
        "application": application,
    }
    return render(request, "recruitment/round_public.html", context)


def apply(request, pk):
    """The Apply button. Someone without an account may sign up (only from here, and only
    while the round is open); someone signed in starts, or goes back to, their application."""
    round_ = get_object_or_404(public_rounds(), pk=pk)
    if not services.round_is_open(round_):
        messages.error(request, "This round is closed: applications can no longer be started.")
        return redirect("recruitment:round_public", round_.pk)
    if not request.user.is_authenticated:
        open_signup_until(request, round_.closes_at)
        here = reverse("recruitment:apply", args=[round_.pk])
        return redirect(f"{reverse('account_signup')}?{urlencode({'next': here})}")
    if request.method != "POST":
        existing = Application.objects.filter(round=round_, applicant=request.user).first()
        if existing is not None:
            return redirect("recruitment:application_edit", existing.pk)
        return render(request, "recruitment/apply_start.html", {"round": round_})
    try:
        application = services.application_start(round_=round_, applicant=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("recruitment:round_public", round_.pk)
    remember_applied(request)
    return redirect("recruitment:application_edit", application.pk)


@login_required
def my_applications(request):
    applications = list(selectors.applications_of(request.user))
    applied = {application.round_id for application in applications}
    rounds = [round_ for round_ in open_rounds() if round_.pk not in applied]
    return render(
        request,
        "recruitment/my_applications.html",
        {"applications": applications, "open_rounds": rounds},
    )


@application_permission("recruitment.view_application")
def application_detail(request, application):
    context = {
        "application": application,
        "round": application.round,
        "is_open": services.round_is_open(application.round),
        "answers": selectors.questions_with_answers(application),
        "support": getattr(application, "support", None),
        "is_applicant": application.applicant_id == request.user.pk,
    }
    return render(request, "recruitment/application_detail.html", context)


@application_permission("recruitment.change_application")
def application_edit(request, application):
    round_ = application.round
    if application.status == Application.Status.SUBMITTED:
        messages.info(request, "You have submitted this application: it can no longer change.")
        return redirect("recruitment:application", application.pk)
    if not services.round_is_open(round_):
        messages.error(
            request,
            f"This round closed on {services.when(round_.closes_at)}. Your draft was not "
            "submitted and can no longer be changed.",
        )
        return redirect("recruitment:application", application.pk)
    form = ApplicationAnswersForm(
        request.POST or None, questions=selectors.questions_with_answers(application)
    )
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        try:
            services.application_save(application=application, answers=form.answers, submit=submit)
        except ValidationError as error:
            show_errors(form, error)
        else:
            if submit:
                messages.success(request, f"Application {application.reference} submitted")
                return redirect("recruitment:application", application.pk)
            messages.success(
                request, "Draft saved. You can come back to it until the round closes."
            )
            return redirect("recruitment:application_edit", application.pk)
    context = {"application": application, "round": round_, "form": form}
    return render(request, "recruitment/application_form.html", context)
