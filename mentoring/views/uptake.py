"""Advisers see their programme's mentoring uptake, on the page and as CSV."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from accounts.models import Programme
from core import cached
from core.changes import stamp
from core.csv import csv_response
from core.pagination import page_of
from core.permissions import object_permission_required
from mentoring import exports
from mentoring.forms import UptakeFilterForm
from mentoring.selectors.rules import rules_for
from mentoring.selectors.uptake import fellows_not_booked, uptake_by_fellow, uptake_by_mentor

UPTAKE_PAGE = 50  # fellows a page of the uptake table; the CSV has them all


def _uptake_cohort(request, programme):
    form = UptakeFilterForm(request.GET or None, programme=programme)
    cohort = form.cleaned_data["cohort"] if form.is_bound and form.is_valid() else None
    return form, cohort


@object_permission_required("mentoring.view_uptake", model=Programme)
# A quarter of an hour: a slot that has passed unbooked counts as unused.
@cached.page(lambda request, programme: stamp(programme=programme.pk), minutes=15)
def uptake(request, programme):
    form, cohort = _uptake_cohort(request, programme)
    context = {
        "programme": programme,
        "form": form,
        "cohort": cohort,
        "fellows": page_of(request, uptake_by_fellow(programme, cohort), UPTAKE_PAGE),
        "mentors": uptake_by_mentor(programme, cohort, now=timezone.now()),
        "not_booked": fellows_not_booked(programme, cohort),
        "rules": rules_for(programme),
    }
    return render(request, "mentoring/uptake.html", context)


@object_permission_required("mentoring.view_uptake", model=Programme)
def uptake_csv(request, programme, kind):
    if kind not in exports.TABLES:
        raise Http404("No such export.")
    _, cohort = _uptake_cohort(request, programme)
    header, rows = exports.TABLES[kind](programme, cohort, timezone.now())
    return csv_response(
        f"mentoring {kind} {cohort.name if cohort else programme.name}",
        header,
        rows,
        about=cohort or programme,
    )
