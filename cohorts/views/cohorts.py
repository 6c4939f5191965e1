"""Cohorts: the list, creating and editing one, and a cohort's page with its people."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from accounts import selectors as accounts
from accounts.models import Cohort, Programme
from accounts.roles import roles_of
from cohorts.forms.cohorts import CohortForm
from cohorts.selectors import cohorts as selectors
from cohorts.selectors.interviews import interviews_of
from cohorts.selectors.learning_sets import learning_set_places_of
from cohorts.selectors.timetable import upcoming_sessions_for
from cohorts.services import cohorts as services
from core import cached
from core.changes import cohort_stamp
from core.forms import show_errors
from core.permissions import object_permission_required

COHORTS = Cohort.objects.select_related("programme")


def cohort_permission(perm: str):
    """Cohort pages: members may know the cohort exists, so other refusals are 403."""
    return object_permission_required(
        perm, model=Cohort, visible="accounts.view_cohort", queryset=COHORTS
    )


@login_required
def cohort_list(request):
    roles = roles_of(request.user)
    advised = accounts.programmes_for_adviser_home(request.user)
    others = (
        accounts.with_member_counts(accounts.cohorts_visible_to(request.user))
        .exclude(programme_id__in=roles.adviser_programmes)
        .select_related("programme")
        .order_by("programme__name", "-starts_on")
    )
    return render(request, "cohorts/cohort_list.html", {"advised": advised, "others": others})


@object_permission_required("accounts.manage_programme", model=Programme)
def cohort_create(request, programme):
    form = CohortForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.cohort_create(programme=programme, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{cohort.name} created")
            return redirect("cohorts:detail", cohort.pk)
    return render(request, "cohorts/cohort_form.html", {"programme": programme, "form": form})


@cohort_permission("cohorts.manage_cohort")
def cohort_edit(request, cohort):
    form = CohortForm(request.POST or None, programme=cohort.programme, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            services.cohort_update(cohort=cohort, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{cohort.name} saved")
            return redirect("cohorts:detail", cohort.pk)
    return render(
        request,
        "cohorts/cohort_form.html",
        {"programme": cohort.programme, "cohort": cohort, "form": form},
    )


@cohort_permission("accounts.view_cohort")
# A quarter of an hour: the next sessions turn on the clock.
@cached.page(lambda request, cohort: cohort_stamp(cohort), minutes=15)
def cohort_detail(request, cohort):
    user = request.user
    roles = roles_of(user)
    grouped = selectors.cohort_people(cohort, user)
    groups = [(role, grouped.get(role, [])) for role in selectors.ROLE_ORDER if grouped.get(role)]
    context = {
        "cohort": selectors.cohort_with_counts(cohort.pk, user),
        "groups": groups,
        "next_sessions": upcoming_sessions_for(user, cohort_ids=[cohort.pk]),
        "can_manage": user.has_perm("cohorts.manage_cohort", cohort),
        "sees_only_own_set_members": selectors.sees_only_own_set_members(user, cohort),
    }
    if cohort.pk in roles.fellow_cohorts:
        context["place"] = learning_set_places_of(user).filter(cohort=cohort).first()
        context["interview_id"] = interviews_of(user).get(cohort.pk)
    return render(request, "cohorts/cohort_detail.html", context)
