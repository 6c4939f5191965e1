"""Offers: the adviser sends them, words the emails and fills places from the waiting list;
the applicant accepts or declines by the link in their email."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.forms import show_errors
from core.permissions import object_permission_required
from recruitment.forms.offers import EmailTemplateForm, FeedbackForm, RespondByForm
from recruitment.models import Application, EmailTemplate, Offer, Round
from recruitment.selectors import offers as selectors
from recruitment.services import offers as services
from recruitment.services import unsuccessful

ROUNDS = Round.objects.select_related("cohort__programme")
APPLICATIONS = Application.objects.select_related("applicant", "round__cohort__programme")


def _offers_page(request, round, *, send_form=None, next_form=None):
    offers = list(selectors.round_offers(round))
    return render(
        request,
        "recruitment/round_offers.html",
        {
            "round": round,
            "offers": offers,
            "accepted": sum(offer.status == Offer.Status.ACCEPTED for offer in offers),
            "free": selectors.free_places(round),
            "to_offer": selectors.to_offer(round),
            "waiting_list": selectors.waiting_list(round),
            "not_offered": selectors.not_offered(round),
            "send_form": send_form or RespondByForm(prefix="send"),
            "next_form": next_form or RespondByForm(prefix="next"),
        },
    )


@object_permission_required("recruitment.make_offers", model=Round, queryset=ROUNDS)
def round_offers(request, round):
    return _offers_page(request, round)


@require_POST
@object_permission_required("recruitment.make_offers", model=Round, queryset=ROUNDS)
def offers_send(request, round):
    form = RespondByForm(request.POST, prefix="send")
    if form.is_valid():
        try:
            sent = services.offers_send(round=round, respond_by=form.cleaned_data["respond_by"])
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{len(sent)} offer{'s' if len(sent) != 1 else ''} sent")
            return redirect("recruitment:round_offers", round.pk)
    return _offers_page(request, round, send_form=form)


@require_POST
@object_permission_required("recruitment.make_offers", model=Round, queryset=ROUNDS)
def offer_next(request, round):
    form = RespondByForm(request.POST, prefix="next")
    if form.is_valid():
        try:
            offer = services.offer_next_on_waiting_list(
                round=round, by=request.user, respond_by=form.cleaned_data["respond_by"]
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            name = offer.application.applicant.name
            messages.success(request, f"Place offered to {name}, next on the waiting list")
            return redirect("recruitment:round_offers", round.pk)
    return _offers_page(request, round, next_form=form)


@require_POST
@object_permission_required("recruitment.make_offers", model=Round, queryset=ROUNDS)
def unsuccessful_send(request, round):
    try:
        count = unsuccessful.unsuccessful_emails_send(round=round)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{count} email{'s' if count != 1 else ''} sent")
    return redirect("recruitment:round_offers", round.pk)


@object_permission_required("recruitment.make_offers", model=Round, queryset=ROUNDS)
def email_template_edit(request, round, kind):
    if kind not in EmailTemplate.Kind.values:
        raise Http404("No such email.")
    template = selectors.email_template_for(round, kind)
    initial = {"subject": template.subject, "body": template.body}
    form = EmailTemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.email_template_save(round=round, kind=kind, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{template.get_kind_display()} email saved")
            return redirect("recruitment:round_offers", round.pk)
    return render(
        request,
        "recruitment/email_template.html",
        {
            "round": round,
            "template": template,
            "form": form,
            "placeholders": [f"{{{name}}}" for name in selectors.PLACEHOLDERS],
        },
    )


@object_permission_required("recruitment.make_offers", model=Application, queryset=APPLICATIONS)
def feedback_edit(request, application):
    email = getattr(application, "unsuccessful_email", None)
    form = FeedbackForm(request.POST or None, initial={"feedback": email.feedback if email else ""})
    if request.method == "POST" and form.is_valid():
        try:
            unsuccessful.unsuccessful_feedback_save(
                application=application, feedback=form.cleaned_data["feedback"]
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Feedback for {application.applicant.name} saved")
            return redirect("recruitment:round_offers", application.round_id)
    return render(
        request,
        "recruitment/feedback_edit.html",
        {"application": application, "email": email, "form": form},
    )


@login_required
def offer_respond(request, token):
    """The link in the offer email: only the applicant, signed in, may answer."""
    try:
        offer = services.offer_for_token(token)
    except ValidationError as error:
        return render(
            request, "recruitment/offer_problem.html", {"message": error.messages[0]}, status=404
        )
    if offer.application.applicant_id != request.user.pk:
        message = "This offer was sent to someone else. Sign in as the person it was sent to."
        return render(request, "recruitment/offer_problem.html", {"message": message}, status=403)
    error_message = ""
    if request.method == "POST":
        answer = request.POST.get("answer")
        try:
            if answer == "accept":
                services.offer_accept(offer=offer, user=request.user)
                messages.success(request, f"Welcome to {offer.application.round.cohort.name}")
                return redirect("home")
            if answer == "decline":
                services.offer_decline(offer=offer, user=request.user)
                messages.success(request, "You have declined the place. Thank you for telling us.")
                return redirect("recruitment:offer_respond", token)
            error_message = "Choose whether to accept or decline the place."
        except ValidationError as error:
            error_message = " ".join(error.messages)
        offer.refresh_from_db()
    return render(
        request,
        "recruitment/offer_respond.html",
        {
            "offer": offer,
            "cohort": offer.application.round.cohort,
            "deadline": selectors.uk_deadline(offer.respond_by),
            "error_message": error_message,
            "open": offer.status == Offer.Status.SENT and offer.respond_by > timezone.now(),
        },
    )
