from django.shortcuts import render

from cohorts import selectors
from fellowship.accounts.models import Cohort, Role
from fellowship.permissions import object_permission_required

ROLE_ORDER = [Role.FELLOW, Role.FACILITATOR, Role.MENTOR, Role.ADVISER, Role.REVIEWER]


@object_permission_required(
    "accounts.view_cohort", model=Cohort, queryset=Cohort.objects.select_related("programme")
)
def cohort_detail(request, cohort):
    grouped = selectors.cohort_people(cohort)
    groups = [(role.label, grouped.get(role, [])) for role in ROLE_ORDER if grouped.get(role)]
    return render(request, "cohorts/cohort_detail.html", {"cohort": cohort, "groups": groups})
