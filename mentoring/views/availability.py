"""Mentors keep their availability: the page of their slots, and adding, changing,
removing and cancelling slots."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.models import Programme, Role
from accounts.selectors import memberships_of
from core.forms import show_errors
from core.permissions import object_permission_required, permission_required
from mentoring.forms import SlotForm, WeeklySlotsForm
from mentoring.models import Slot
from mentoring.selectors.bookings import booking_of, mentor_totals
from mentoring.selectors.profiles import profiles_by_programme
from mentoring.selectors.rules import bookings_close_message, rules_for
from mentoring.selectors.slots import is_booked, series_to_come, slots_of_mentor
from mentoring.services import slots as services

SLOTS = Slot.objects.select_related("mentor", "programme")


@permission_required("mentoring.keep_availability")
def availability(request):
    user = request.user
    now = timezone.now()
    profiles = profiles_by_programme(user)
    places = [
        (membership.programme, profiles.get(membership.programme_id))
        for membership in memberships_of(user, Role.MENTOR)
    ]
    return render(
        request,
        "mentoring/availability.html",
        {
            "places": places,
            "slots": slots_of_mentor(user, now=now),
            "totals": mentor_totals(user, now=now),
        },
    )


def _warn_too_soon(request, slots, rules) -> None:
    """Slots inside the notice period are kept (a mentor may mean to fill them by hand),
    but the mentor is told that no fellow can book them."""
    closes = timezone.now() + datetime.timedelta(hours=rules.min_notice_hours)
    late = [slot for slot in slots if slot.starts_at < closes]
    if not late:
        return
    which = "this slot" if len(slots) == 1 else f"{len(late)} of these slots"
    messages.warning(
        request, f"{bookings_close_message(rules)} Nobody can book {which}: it starts too soon."
    )


def _slot_form_view(request, programme, form_class, create, template):
    rules = rules_for(programme)
    form = form_class(request.POST or None, rules=rules)
    if request.method == "POST" and form.is_valid():
        try:
            made = create(mentor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            made = made if isinstance(made, list) else [made]
            count = len(made)
            messages.success(request, f"Added {count} slot{'s' if count != 1 else ''}.")
            _warn_too_soon(request, made, rules)
            return redirect("mentoring:availability")
    return render(request, template, {"programme": programme, "form": form, "rules": rules})


@object_permission_required("mentoring.keep_profile", model=Programme)
def slot_add(request, programme):
    return _slot_form_view(
        request, programme, SlotForm, services.slot_create, "mentoring/slot_add.html"
    )


@object_permission_required("mentoring.keep_profile", model=Programme)
def slots_weekly(request, programme):
    def create(*, weekdays, **fields):
        return services.slots_create_weekly(weekdays=set(weekdays), **fields)

    return _slot_form_view(
        request, programme, WeeklySlotsForm, create, "mentoring/slots_weekly.html"
    )


@object_permission_required(
    "mentoring.change_slot", model=Slot, visible="mentoring.view_slot", queryset=SLOTS
)
def slot_edit(request, slot):
    rules = rules_for(slot.programme)
    start = timezone.localtime(slot.starts_at)
    initial = {
        "day": start.date(),
        "start": start.time(),
        "minutes": slot.minutes,
        "location": slot.location,
        "online_link": slot.online_link,
    }
    form = SlotForm(request.POST or None, initial=initial, rules=rules)
    if request.method == "POST" and form.is_valid():
        try:
            services.slot_update(slot=slot, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Slot changed.")
            return redirect("mentoring:availability")
    booked = is_booked(slot)
    return render(
        request,
        "mentoring/slot_edit.html",
        {"slot": slot, "form": form, "rules": rules, "booked": booked},
    )


@require_POST
@object_permission_required(
    "mentoring.change_slot", model=Slot, visible="mentoring.view_slot", queryset=SLOTS
)
def slot_remove(request, slot):
    try:
        services.slot_remove(slot=slot)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Slot removed.")
    return redirect("mentoring:availability")


@object_permission_required(
    "mentoring.change_slot", model=Slot, visible="mentoring.view_slot", queryset=SLOTS
)
def slot_cancel(request, slot):
    booking = booking_of(slot)
    form = forms.Form(request.POST or None)
    if request.method == "POST":
        try:
            services.slot_cancel(slot=slot, by=request.user)
        except ValidationError as error:
            show_errors(form, error)
        else:
            told = f" We have told {booking.fellow.name}." if booking else ""
            messages.success(request, f"Slot cancelled.{told}")
            return redirect("mentoring:availability")
    return render(
        request, "mentoring/slot_cancel.html", {"slot": slot, "booking": booking, "form": form}
    )


@object_permission_required(
    "mentoring.change_slot", model=Slot, visible="mentoring.view_slot", queryset=SLOTS
)
def slot_series_remove(request, slot):
    if slot.series is None:
        raise Http404("This slot is not part of a weekly series.")
    form = forms.Form(request.POST or None)
    if request.method == "POST":
        try:
            cancelled = services.slot_series_remove(slot=slot, by=request.user)
        except ValidationError as error:
            show_errors(form, error)
        else:
            told = (
                f" We have told the {len(cancelled)} fellows who had booked." if cancelled else ""
            )
            if len(cancelled) == 1:
                told = " We have told the fellow who had booked."
            messages.success(request, f"Weekly series removed.{told}")
            return redirect("mentoring:availability")
    slots = list(series_to_come(slot, now=timezone.now()))
    booked = [item for item in slots if item.booked_by]
    return render(
        request,
        "mentoring/slot_series_remove.html",
        {"slot": slot, "slots": slots, "booked": booked, "form": form},
    )
