"""Bookings, for the fellow who books and the mentor they are with."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.roles import roles_of
from core import cached
from core.changes import programmes_stamp, stamp
from core.forms import show_errors
from core.permissions import object_permission_required, permission_required
from mentoring.forms import BookingForm, FeedbackForm, OutcomeForm, RescheduleForm
from mentoring.models import Booking, Slot
from mentoring.selectors.bookings import (
    booking_queryset,
    bookings_as_fellow,
    bookings_as_mentor,
    past,
    project_of,
    upcoming,
)
from mentoring.selectors.profiles import mentor_is_active, profile_of
from mentoring.selectors.rules import rules_for
from mentoring.selectors.slots import free_slots_of, why_not_bookable
from mentoring.services import bookings as services
from mentoring.views.availability import SLOTS

Status = Booking.Status

BOOKINGS = booking_queryset()
BOOKABLE = SLOTS.annotate(mentor_active=mentor_is_active())


@object_permission_required(
    "mentoring.book_slot", model=Slot, visible="mentoring.view_slot", queryset=BOOKABLE
)
# Five minutes: whether a slot can still be booked turns on the clock.
@cached.page(lambda request, slot: stamp(programme=slot.programme_id), minutes=5)
def book(request, slot):
    profile = profile_of(slot.mentor_id, slot.programme_id)
    form = BookingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.booking_create(
                slot=slot, fellow=request.user, agenda=form.cleaned_data["agenda"]
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request,
                f"Booked. {slot.mentor.name} and you will get an email with a calendar invite.",
            )
            return redirect("mentoring:booking_detail", booking.pk)
    # A refused POST shows its reason on the form; a page opened late says why up front.
    reason = None if form.is_bound else why_not_bookable(slot, now=timezone.now())
    return render(
        request,
        "mentoring/book.html",
        {"slot": slot, "profile": profile, "form": form, "reason": reason},
    )


@permission_required("mentoring.view_own_bookings")
@cached.page(lambda request: programmes_stamp(roles_of(request.user).programmes), minutes=5)
def bookings(request):
    roles = roles_of(request.user)
    now = timezone.now()
    context = {"now": now}
    if roles.is_fellow:
        mine = bookings_as_fellow(request.user)
        context["fellow_upcoming"] = upcoming(mine, now=now)
        context["fellow_past"] = past(mine, now=now)
    if roles.is_mentor:
        mine = bookings_as_mentor(request.user)
        context["mentor_upcoming"] = upcoming(mine, now=now)
        context["mentor_past"] = past(mine, now=now)
    return render(request, "mentoring/bookings.html", context)


def _booking_actions(user, booking: Booking, now) -> dict:
    rules = rules_for(booking.slot.programme)
    is_fellow = user.has_perm("mentoring.change_booking", booking)
    is_mentor = user.has_perm("mentoring.record_outcome", booking)
    upcoming = booking.status == Status.BOOKED and booking.starts_at > now
    cutoff = booking.starts_at - datetime.timedelta(hours=rules.cancellation_cutoff_hours)
    return {
        "is_fellow": is_fellow,
        "is_mentor": is_mentor,
        "rules": rules,
        "cutoff": cutoff,
        "can_change": is_fellow and upcoming and now < cutoff,
        "past_cutoff": is_fellow and upcoming and now >= cutoff,
        "can_cancel_slot": is_mentor and upcoming,
        "can_give_feedback": is_fellow and booking.is_active and booking.ends_at <= now,
        # The mentor reads a fellow's feedback only when the fellow shared it.
        "show_feedback": booking.fellow_rating is not None
        and (not is_mentor or booking.feedback_shared),
        "can_record_outcome": is_mentor
        and booking.status != Status.CANCELLED
        and booking.starts_at <= now,
    }


@object_permission_required("mentoring.view_booking", model=Booking, queryset=BOOKINGS)
def booking_detail(request, booking):
    now = timezone.now()
    actions = _booking_actions(request.user, booking, now)
    show_project = not actions["is_fellow"]  # the fellow knows their own project
    return render(
        request,
        "mentoring/booking_detail.html",
        {
            "booking": booking,
            "project": project_of(booking) if show_project else None,
            **actions,
        },
    )


@object_permission_required(
    "mentoring.change_booking", model=Booking, visible="mentoring.view_booking", queryset=BOOKINGS
)
def booking_cancel(request, booking):
    form = forms.Form(request.POST or None)
    actions = _booking_actions(request.user, booking, timezone.now())
    if request.method == "POST":
        try:
            services.booking_cancel(booking=booking, by=request.user)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Cancelled. We have told {booking.slot.mentor.name}.")
            return redirect("mentoring:bookings")
    return render(
        request, "mentoring/booking_cancel.html", {"booking": booking, "form": form, **actions}
    )


@object_permission_required(
    "mentoring.change_booking", model=Booking, visible="mentoring.view_booking", queryset=BOOKINGS
)
def booking_reschedule(request, booking):
    profile = profile_of(booking.slot.mentor_id, booking.slot.programme_id)
    slots = []
    if profile is not None:
        slots = [
            slot
            for slot in free_slots_of(profile, now=timezone.now())
            if slot.pk != booking.slot_id
        ]
    form = RescheduleForm(request.POST or None, slots=slots)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.booking_reschedule(
                booking=booking, slot=form.slots[form.cleaned_data["slot"]]
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Moved. You will both get an updated calendar invite.")
            return redirect("mentoring:booking_detail", new.pk)
    return render(
        request,
        "mentoring/booking_reschedule.html",
        {"booking": booking, "form": form, "slots": slots, "profile": profile},
    )


@object_permission_required(
    "mentoring.change_booking", model=Booking, visible="mentoring.view_booking", queryset=BOOKINGS
)
def booking_feedback(request, booking):
    initial = {
        "rating": booking.fellow_rating,
        "takeaway": booking.fellow_takeaway,
        "share_with_mentor": booking.feedback_shared,
    }
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_give_feedback(booking=booking, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Thank you for your feedback.")
            return redirect("mentoring:booking_detail", booking.pk)
    return render(request, "mentoring/booking_feedback.html", {"booking": booking, "form": form})


@object_permission_required(
    "mentoring.record_outcome", model=Booking, visible="mentoring.view_booking", queryset=BOOKINGS
)
def booking_outcome(request, booking):
    initial = {"note": booking.mentor_note}
    if booking.status in (Status.HELD, Status.NO_SHOW):
        initial["status"] = booking.status
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_record_outcome(booking=booking, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Saved.")
            return redirect("mentoring:booking_detail", booking.pk)
    return render(request, "mentoring/booking_outcome.html", {"booking": booking, "form": form})
