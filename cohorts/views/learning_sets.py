"""Learning sets: a person's, a cohort's, the split, each set and its meetings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize

from cohorts.forms.learning_sets import LearningSetForm, SplitForm
from cohorts.forms.timetable import SessionForm
from cohorts.models import LearningSet
from cohorts.selectors import learning_sets as selectors
from cohorts.selectors.attendance import learning_set_members
from cohorts.selectors.cohorts import cohort_facilitators, cohort_fellows
from cohorts.services import learning_sets as services
from cohorts.services.timetable import session_create
from cohorts.split import Candidate, balance, default_set_count, suggest_split
from cohorts.views.cohorts import cohort_permission
from cohorts.views.timetable import _split_by_now
from core.forms import show_errors
from core.permissions import object_permission_required

LEARNING_SETS = LearningSet.objects.select_related("cohort", "cohort__programme", "facilitator")


@login_required
def my_learning_sets(request):
    return render(
        request,
        "cohorts/my_learning_sets.html",
        {
            "facilitated": selectors.learning_sets_facilitated_by(request.user),
            "places": selectors.learning_set_places_of(request.user),
        },
    )


@cohort_permission("cohorts.manage_cohort")
def learning_sets(request, cohort):
    fellows = list(cohort_fellows(cohort))
    sets = list(selectors.learning_sets_of(cohort))
    members: dict[int, list] = {learning_set.pk: [] for learning_set in sets}
    for membership in fellows:
        if membership.set_id in members:
            members[membership.set_id].append(membership)
    for learning_set in sets:
        learning_set.fellows = members[learning_set.pk]
        learning_set.size_warning = not (
            services.SET_SIZE_MIN <= len(learning_set.fellows) <= services.SET_SIZE_MAX
        )
    return render(
        request,
        "cohorts/learning_sets.html",
        {
            "cohort": cohort,
            "sets": sets,
            "unplaced": [membership for membership in fellows if membership.set_id is None],
        },
    )


def _set_form(request, cohort, learning_set=None):
    fellows = cohort_fellows(cohort)
    candidates = [
        m for m in fellows if m.set_id is None or (learning_set and m.set_id == learning_set.pk)
    ]
    return LearningSetForm(
        request.POST or None,
        cohort=cohort,
        candidates=candidates,
        facilitators=cohort_facilitators(cohort),
        learning_set=learning_set,
    )


@cohort_permission("cohorts.manage_cohort")
def learning_set_create(request, cohort):
    form = _set_form(request, cohort)
    if request.method == "POST" and form.is_valid():
        try:
            learning_set = services.learning_set_create(
                cohort=cohort,
                name=form.cleaned_data["name"],
                facilitator=form.cleaned_data["facilitator"],
                fellows=list(form.cleaned_data["fellows"]),
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{learning_set.name} created")
            return redirect("cohorts:learning_sets", cohort.pk)
    return render(request, "cohorts/learning_set_form.html", {"cohort": cohort, "form": form})


@cohort_permission("cohorts.manage_cohort")
def learning_set_split(request, cohort):
    everyone = list(cohort_fellows(cohort))
    fellows = [m for m in everyone if m.set_id is None]
    candidates = [
        Candidate(m.user_id, m.user.name or m.user.email, m.organisation, m.profession)
        for m in fellows
    ]
    set_count = _set_count(request, len(candidates))
    form = None
    if candidates:
        form = SplitForm(
            request.POST or None,
            cohort=cohort,
            candidates=candidates,
            facilitators=cohort_facilitators(cohort),
            suggestion=suggest_split(candidates, set_count),
        )
        if request.POST.get("action") == "save" and form.is_valid():
            try:
                made = services.learning_sets_create(cohort=cohort, sets=form.new_sets)
            except ValidationError as error:
                show_errors(form, error)
            else:
                messages.success(request, f"{len(made)} learning set{pluralize(len(made))} created")
                return redirect("cohorts:learning_sets", cohort.pk)
    groups = []
    if form is not None:
        for number, members in zip(form.set_numbers, form.grouping(), strict=True):
            organisations, professions = balance(members)
            groups.append(
                {
                    "number": number,
                    "members": members,
                    "organisations": organisations,
                    "professions": professions,
                    "name_field": form[f"set_{number}_name"],
                    "facilitator_field": form[f"set_{number}_facilitator"],
                    "rows": [(fellow, form[f"fellow_{fellow.id}"]) for fellow in members],
                }
            )
    return render(
        request,
        "cohorts/learning_set_split.html",
        {
            "cohort": cohort,
            "form": form,
            "groups": groups,
            "set_count": set_count,
            "candidates": candidates,
            "placed_count": len(everyone) - len(fellows),
        },
    )


def _set_count(request, fellows: int) -> int:
    """The number of sets asked for (?sets=N or the form), within sensible bounds."""
    asked = request.POST.get("sets") or request.GET.get("sets") or ""
    try:
        count = int(asked)
    except ValueError:  # not a number: "", "two", "²", or too many digits
        count = default_set_count(fellows)
    return max(1, min(count, max(fellows, 1), 50))


def set_permission(perm: str):
    return object_permission_required(
        perm, model=LearningSet, visible="cohorts.view_learning_set", queryset=LEARNING_SETS
    )


@set_permission("cohorts.view_learning_set")
def learning_set_detail(request, learning_set):
    meetings = list(learning_set.meetings.order_by("starts_at", "pk"))
    upcoming, past = _split_by_now(meetings)
    user = request.user
    return render(
        request,
        "cohorts/learning_set_detail.html",
        {
            "learning_set": learning_set,
            "cohort": learning_set.cohort,
            "members": learning_set_members(learning_set),
            "upcoming": upcoming,
            "past": past,
            "can_schedule": user.has_perm("cohorts.schedule_meeting", learning_set),
            "can_change": user.has_perm("cohorts.change_learning_set", learning_set),
        },
    )


@set_permission("cohorts.change_learning_set")
def learning_set_edit(request, learning_set):
    cohort = learning_set.cohort
    form = _set_form(request, cohort, learning_set)
    if request.method == "POST" and form.is_valid():
        try:
            services.learning_set_update(
                learning_set=learning_set,
                name=form.cleaned_data["name"],
                facilitator=form.cleaned_data["facilitator"],
                fellows=list(form.cleaned_data["fellows"]),
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{learning_set.name} saved")
            return redirect("cohorts:learning_set_detail", learning_set.pk)
    return render(
        request,
        "cohorts/learning_set_form.html",
        {"cohort": cohort, "learning_set": learning_set, "form": form},
    )


@set_permission("cohorts.schedule_meeting")
def meeting_create(request, learning_set):
    cohort = learning_set.cohort
    form = SessionForm(request.POST or None, cohort=cohort, learning_set=learning_set)
    if request.method == "POST" and form.is_valid():
        try:
            session = session_create(cohort=cohort, **form.session_fields)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{session.title} added")
            return redirect("cohorts:learning_set_detail", learning_set.pk)
    return render(
        request,
        "cohorts/session_form.html",
        {"cohort": cohort, "learning_set": learning_set, "form": form},
    )
