"""CSV downloads of a cohort's adviser tables and of a programme's people.

Only the programme's advisers download (PRODUCT.md: reports and exports); a
cohort's members are refused (403), everyone else never learns it exists (404).
"""

from accounts.models import Programme
from cohorts.exports.interviews import interviews_table
from cohorts.exports.learning_sets import learning_sets_table
from cohorts.exports.people import cohort_people_table, programme_people_table
from cohorts.views.cohorts import cohort_permission
from core.csv import csv_response
from core.permissions import object_permission_required


@cohort_permission("cohorts.manage_cohort")
def learning_sets_csv(request, cohort):
    return csv_response(f"{cohort.name} learning sets", *learning_sets_table(cohort), about=cohort)


@cohort_permission("cohorts.manage_cohort")
def interviews_csv(request, cohort):
    return csv_response(f"{cohort.name} intake interviews", *interviews_table(cohort), about=cohort)


@cohort_permission("cohorts.manage_cohort")
def people_csv(request, cohort):
    return csv_response(f"{cohort.name} people", *cohort_people_table(cohort), about=cohort)


@object_permission_required("accounts.manage_programme", model=Programme)
def programme_people_csv(request, programme):
    return csv_response(
        f"{programme.name} people", *programme_people_table(programme), about=programme
    )
