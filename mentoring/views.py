"""Mentoring pages. Views parse input, call services and selectors, and render."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.models import Programme, Role
from accounts.roles import roles_of
from accounts.selectors import memberships_of
from core.csv import csv_response
from core.forms import show_errors
from core.pagination import page_of
from core.permissions import object_permission_required
from mentoring import exports, selectors, services
from mentoring.forms import (
    BookingForm,
    DirectoryFilterForm,
    FeedbackForm,
    OutcomeForm,
    ProfileForm,
    RescheduleForm,
    RulesForm,
    SlotForm,
    UptakeFilterForm,
    WeeklySlotsForm,
)
from mentoring.models import Booking, MentorProfile, Slot, WaitlistEntry

Status = Booking.Status

BOOKINGS = selectors.booking_queryset()
PROFILES = MentorProfile.objects.select_related("user", "programme")
SLOTS = Slot.objects.select_related("mentor", "programme")
DIRECTORY_PAGE = 24  # mentor cards a page, two to a row
UPTAKE_PAGE = 50  # fellows a page of the uptake table; the CSV has them all


def _pick_programme(request, programmes: list[Programme]) -> Programme:
    wanted = request.GET.get("programme", "")
    for programme in programmes:
        if str(programme.pk) == wanted:
            return programme
    return programmes[0]


def _by_day(slots) -> list[tuple]:
    """Slots grouped by their London date, in order."""
    days: dict = {}
    for slot in slots:
        days.setdefault(timezone.localtime(slot.starts_at).date(), []).append(slot)
    return list(days.items())


# --- Fellows: find a mentor and book ------------------------------------------------


@login_required
def directory(request):
    programmes = list(selectors.directory_programmes(request.user))
    if not programmes:
        raise PermissionDenied
    programme = _pick_programme(request, programmes)
    form = DirectoryFilterForm(request.GET or None, programme=programme)
    theme, free_soon = None, False
    if form.is_bound and form.is_valid():
        theme, free_soon = form.cleaned_data["expertise"], form.cleaned_data["free_soon"]
    now = timezone.now()
    is_fellow = programme.pk in roles_of(request.user).fellow_programmes
    mentors = selectors.mentor_directory(programme, theme=theme)
    if free_soon:  # needs every mentor's next free slot before the page is cut
        mentors = selectors.free_soon(mentors, programme, now=now)
    page = page_of(request, mentors, DIRECTORY_PAGE)
    page.object_list = list(page.object_list)
    if not free_soon:
        selectors.with_next_free(page.object_list, programme, now=now)
    return render(
        request,
        "mentoring/directory.html",
        {
            "programme": programme,
            "programmes": programmes,
            "form": form,
            "page": page,
            "filtered": theme is not None or free_soon,
            "is_fellow": is_fellow,
            "suggestions": selectors.suggested_mentors(request.user, programme, now=now)
            if is_fellow
            else [],
        },
    )


@object_permission_required("mentoring.view_mentor", model=MentorProfile, queryset=PROFILES)
def mentor_detail(request, profile):
    now = timezone.now()
    user = request.user
    is_fellow = user.has_perm("mentoring.join_waitlist", profile)
    slots = list(selectors.free_slots_of(profile, now=now))
    return render(
        request,
        "mentoring/mentor_detail.html",
        {
            "profile": profile,
            "days": _by_day(slots),
            "is_fellow": is_fellow,
            "waiting": selectors.waiting_entry(
                mentor=profile.user, fellow=user, programme=profile.programme, now=now
            )
            if is_fellow
            else None,
        },
    )


@object_permission_required(
    "mentoring.book_slot", model=Slot, visible="mentoring.view_slot", queryset=SLOTS
)
def book(request, slot):
    profile = selectors.profile_of(slot.mentor_id, slot.programme_id)
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
    available = form.is_bound or selectors.is_bookable(slot, now=timezone.now())
    return render(
        request,
        "mentoring/book.html",
        {"slot": slot, "profile": profile, "form": form, "available": available},
    )


@require_POST
@object_permission_required(
    "mentoring.join_waitlist",
    model=MentorProfile,
    visible="mentoring.view_mentor",
    queryset=PROFILES,
)
def waitlist_join(request, profile):
    try:
        services.waitlist_join(profile=profile, fellow=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"You are on {profile.user.name}'s waitlist. We will email you when a slot "
            "comes free; your place lasts 30 days.",
        )
    return redirect("mentoring:mentor_detail", profile.pk)


@require_POST
@object_permission_required("mentoring.leave_waitlist", model=WaitlistEntry)
def waitlist_leave(request, entry):
    profile = selectors.profile_of(entry.mentor_id, entry.programme_id)
    services.waitlist_leave(entry=entry)
    messages.success(request, "You have left the waitlist.")
    if profile is None:
        return redirect("mentoring:directory")
    return redirect("mentoring:mentor_detail", profile.pk)


# --- Bookings, for the fellow and the mentor ----------------------------------------


@login_required
def bookings(request):
    roles = roles_of(request.user)
    if not roles.is_fellow and not roles.is_mentor:
        raise PermissionDenied
    now = timezone.now()
    context = {"now": now}
    if roles.is_fellow:
        mine = selectors.bookings_as_fellow(request.user)
        context["fellow_upcoming"] = selectors.upcoming(mine, now=now)
        context["fellow_past"] = selectors.past(mine, now=now)
    if roles.is_mentor:
        mine = selectors.bookings_as_mentor(request.user)
        context["mentor_upcoming"] = selectors.upcoming(mine, now=now)
        context["mentor_past"] = selectors.past(mine, now=now)
    return render(request, "mentoring/bookings.html", context)


def _booking_actions(user, booking: Booking, now) -> dict:
    rules = selectors.rules_for(booking.slot.programme)
    is_fellow = user.has_perm("mentoring.change_booking", booking)
    is_mentor = user.has_perm("mentoring.record_outcome", booking)
    upcoming = booking.status == Status.BOOKED and booking.starts_at > now
    cutoff = booking.starts_at - datetime.timedelta(hours=rules.cancellation_cutoff_hours)
    return {
        "is_fellow": is_fellow,
        "is_mentor": is_mentor,
        "rules": rules,
        "can_change": is_fellow and upcoming and now < cutoff,
        "past_cutoff": is_fellow and upcoming and now >= cutoff,
        "can_cancel_slot": is_mentor and upcoming,
        "can_give_feedback": is_fellow and booking.is_active and booking.ends_at <= now,
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
            "project": selectors.project_of(booking) if show_project else None,
            **actions,
        },
    )


@object_permission_required(
    "mentoring.change_booking", model=Booking, visible="mentoring.view_booking", queryset=BOOKINGS
)
def booking_cancel(request, booking):
    form = forms.Form(request.POST or None)
    if request.method == "POST":
        try:
            services.booking_cancel(booking=booking, by=request.user)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Cancelled. We have told {booking.slot.mentor.name}.")
            return redirect("mentoring:bookings")
    return render(request, "mentoring/booking_cancel.html", {"booking": booking, "form": form})


@object_permission_required(
    "mentoring.change_booking", model=Booking, visible="mentoring.view_booking", queryset=BOOKINGS
)
def booking_reschedule(request, booking):
    profile = selectors.profile_of(booking.slot.mentor_id, booking.slot.programme_id)
    slots = []
    if profile is not None:
        slots = [
            slot
            for slot in selectors.free_slots_of(profile, now=timezone.now())
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
    initial = {"rating": booking.fellow_rating, "takeaway": booking.fellow_takeaway}
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


# --- Mentors: profile and availability ----------------------------------------------


@login_required
def availability(request):
    user = request.user
    if not roles_of(user).is_mentor:
        raise PermissionDenied
    now = timezone.now()
    profiles = selectors.profiles_by_programme(user)
    places = [
        (membership.programme, profiles.get(membership.programme_id))
        for membership in memberships_of(user, Role.MENTOR)
    ]
    return render(
        request,
        "mentoring/availability.html",
        {
            "places": places,
            "slots": selectors.slots_of_mentor(user, now=now),
            "totals": selectors.mentor_totals(user, now=now),
        },
    )


@object_permission_required("mentoring.keep_profile", model=Programme)
def profile_edit(request, programme):
    profile = selectors.profile_of(request.user.pk, programme.pk)
    if profile is not None:
        initial = {
            "job_title": profile.job_title,
            "organisation": profile.organisation,
            "bio": profile.bio,
            "expertise": list(profile.expertise.all()),
            "monthly_limit": profile.monthly_limit,
        }
    else:
        initial = services.profile_defaults(user=request.user, programme=programme)
    form = ProfileForm(request.POST or None, initial=initial, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_profile_update(
                user=request.user, programme=programme, **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Your profile is saved.")
            return redirect("mentoring:availability")
    return render(request, "mentoring/profile_edit.html", {"programme": programme, "form": form})


def _slot_form_view(request, programme, form_class, create, template):
    rules = selectors.rules_for(programme)
    form = form_class(request.POST or None, rules=rules)
    if request.method == "POST" and form.is_valid():
        try:
            made = create(mentor=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            count = len(made) if isinstance(made, list) else 1
            messages.success(request, f"Added {count} slot{'s' if count != 1 else ''}.")
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
    rules = selectors.rules_for(slot.programme)
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
    booked = selectors.is_booked(slot)
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
    booking = selectors.booking_of(slot)
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


# --- Advisers: uptake, export and rules ---------------------------------------------


def _uptake_cohort(request, programme):
    form = UptakeFilterForm(request.GET or None, programme=programme)
    cohort = form.cleaned_data["cohort"] if form.is_bound and form.is_valid() else None
    return form, cohort


@object_permission_required("mentoring.view_uptake", model=Programme)
def uptake(request, programme):
    form, cohort = _uptake_cohort(request, programme)
    now = timezone.now()
    return render(
        request,
        "mentoring/uptake.html",
        {
            "programme": programme,
            "form": form,
            "cohort": cohort,
            "fellows": page_of(request, selectors.uptake_by_fellow(programme, cohort), UPTAKE_PAGE),
            "mentors": selectors.uptake_by_mentor(programme, cohort, now=now),
            "not_booked": selectors.fellows_not_booked(programme, cohort),
            "rules": selectors.rules_for(programme),
        },
    )


@object_permission_required("mentoring.view_uptake", model=Programme)
def uptake_csv(request, programme, kind):
    if kind not in exports.TABLES:
        raise Http404("No such export.")
    _, cohort = _uptake_cohort(request, programme)
    header, rows = exports.TABLES[kind](programme, cohort, timezone.now())
    return csv_response(
        f"mentoring {kind} {cohort.name if cohort else programme.name}", header, rows
    )


@object_permission_required("mentoring.change_rules", model=Programme)
def rules_edit(request, programme):
    rules = selectors.rules_for(programme)
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
