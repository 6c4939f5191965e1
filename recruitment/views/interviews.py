"""Interviews: the adviser publishes slots and the panel scores; the applicant books."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.forms import show_errors
from core.permissions import object_permission_required
from recruitment.forms.interviews import (
    InterviewBookingForm,
    InterviewScoreForm,
    InterviewSlotForm,
    slot_label,
)
from recruitment.models import Application, InterviewBooking, InterviewSlot, Round
from recruitment.selectors import interviews as selectors
from recruitment.services import interviews as services

ROUNDS = Round.objects.select_related("cohort__programme")
APPLICATIONS = Application.objects.select_related("applicant", "round__cohort__programme")


@object_permission_required("recruitment.run_interviews", model=Round, queryset=ROUNDS)
def round_interviews(request, round):
    form = InterviewSlotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            slot = services.interview_slot_create(round=round, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Interview slot added: {slot_label(slot)}")
            return redirect("recruitment:round_interviews", round.pk)
    return render(
        request,
        "recruitment/round_interviews.html",
        {
            "round": round,
            "form": form,
            "slots": selectors.round_slots(round),
            "unbooked": selectors.shortlisted_unbooked(round),
        },
    )


@require_POST
@object_permission_required("recruitment.run_interviews", model=Round, queryset=ROUNDS)
def interview_invitations_send(request, round):
    try:
        count = services.interview_invitations_send(round=round)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"{count} shortlisted applicant{'s' if count != 1 else ''} asked to book an interview",
        )
    return redirect("recruitment:round_interviews", round.pk)


@require_POST
@object_permission_required(
    "recruitment.remove_interview_slot",
    model=InterviewSlot,
    queryset=InterviewSlot.objects.select_related("round__cohort__programme"),
)
def interview_slot_remove(request, slot):
    try:
        services.interview_slot_remove(slot=slot)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Interview slot removed: {slot_label(slot)}")
    return redirect("recruitment:round_interviews", slot.round_id)


def _booking_page(request, application, form=None):
    booking = (
        InterviewBooking.objects.filter(application=application).select_related("slot").first()
    )
    slots = selectors.free_slots(application.round)
    form = form or InterviewBookingForm(slots=slots)
    deadline = services.change_deadline(booking) if booking else None
    return render(
        request,
        "recruitment/interview_book.html",
        {
            "application": application,
            "booking": booking,
            "shortlisted": application.decision == Application.Decision.SHORTLISTED,
            "form": form,
            "change_deadline": deadline,
            "changeable": deadline is not None and timezone.now() < deadline,
        },
    )


BOOKING = {
    "model": Application,
    "visible": "recruitment.view_application",
    "queryset": APPLICATIONS,
}


@object_permission_required("recruitment.book_interview", **BOOKING)
def interview_book(request, application):
    if request.method != "POST":
        return _booking_page(request, application)
    form = InterviewBookingForm(request.POST, slots=selectors.free_slots(application.round))
    if form.is_valid() and not InterviewBooking.objects.filter(application=application).exists():
        try:
            services.interview_book(application=application, slot=form.cleaned_data["slot"])
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Interview booked. We have emailed you a calendar invite.")
            return redirect("recruitment:interview_book", application.pk)
    return _booking_page(request, application, form)


@require_POST
@object_permission_required("recruitment.book_interview", **BOOKING)
def interview_move(request, application):
    form = InterviewBookingForm(request.POST, slots=selectors.free_slots(application.round))
    if form.is_valid():
        try:
            services.interview_move(application=application, slot=form.cleaned_data["slot"])
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request, "Interview moved. We have emailed you a calendar invite for the new time."
            )
            return redirect("recruitment:interview_book", application.pk)
    return _booking_page(request, application, form)


@require_POST
@object_permission_required("recruitment.book_interview", **BOOKING)
def interview_cancel(request, application):
    try:
        services.interview_cancel(application=application)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Interview cancelled. The time is free for someone else.")
    return redirect("recruitment:interview_book", application.pk)


@object_permission_required("recruitment.score_interview", model=Application, queryset=APPLICATIONS)
def interview_panel(request, application):
    booking = (
        InterviewBooking.objects.filter(application=application).select_related("slot").first()
    )
    scores = list(selectors.panel_scores(application))
    mine = next((score for score in scores if score.by_id == request.user.pk), None)
    initial = {"score": mine.score, "notes": mine.notes} if mine else None
    form = InterviewScoreForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.interview_score_save(
                application=application, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Your interview score for {application.reference} is saved")
            return redirect("recruitment:round_interviews", application.round_id)
    return render(
        request,
        "recruitment/interview_panel.html",
        {"application": application, "booking": booking, "scores": scores, "form": form},
    )
