"""Pages that gather from every app: the role-aware home page and the health check."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from accounts import selectors as accounts
from accounts.models import Role
from accounts.roles import roles_of
from cohorts.selectors.interviews import interviews_of
from cohorts.selectors.learning_sets import (
    learning_set_places_of,
    learning_sets_facilitated_by,
    next_meetings_of,
)
from cohorts.selectors.timetable import upcoming_sessions_for
from core import cached, health
from core.changes import programmes_stamp
from evaluation.selectors import waves as evaluation
from mentoring.selectors import bookings as mentoring
from projects.forms.entries import quick_entry_form
from projects.selectors import projects
from projects.selectors.comments import unread_replies_for
from recruitment.selectors import reviews as recruitment_reviews
from recruitment.selectors.applying import applications_of
from recruitment.selectors.rounds import open_rounds


def _home_stamp(request) -> str | None:
    roles = roles_of(request.user)
    mine = programmes_stamp(roles.programmes)
    if roles.is_reviewer:
        return f"{mine}|{recruitment_reviews.reviewer_stamp(request.user)}"
    # Someone in no programme is most likely an applicant, whose home lists the rounds
    # open now: it is worked out afresh.
    return mine


@login_required
# A quarter of an hour: the home lists what is next, which turns on the clock.
@cached.page(_home_stamp, minutes=15)
def home(request):
    """One section per role the person holds; each app supplies its part."""
    user = request.user
    roles = roles_of(user)
    context = {"roles": roles}
    if roles.is_adviser:
        context["advised_programmes"] = accounts.programmes_for_adviser_home(user)
        context["evaluation_advised_waves"] = evaluation.open_waves_advised_by(user)
        context["unread_replies"] = unread_replies_for(user)
    if roles.is_fellow:
        context["fellow_cohorts"] = accounts.with_member_counts(
            accounts.cohorts_visible_to(user).filter(pk__in=roles.fellow_cohorts)
        ).select_related("programme")
        context["fellow_next_sessions"] = upcoming_sessions_for(
            user, cohort_ids=roles.fellow_cohorts, limit=3
        )
        context["fellow_places"] = learning_set_places_of(user)
        context["fellow_interviews"] = interviews_of(user)
        context.update(projects.fellow_home_context(user), entry_form=quick_entry_form())
        context["mentoring_upcoming"] = mentoring.home_upcoming(user, as_mentor=False)
        context["evaluation_open_waves"] = evaluation.open_waves_for_fellow(user)
    if roles.is_mentor:
        context["mentor_memberships"] = accounts.memberships_of(user, Role.MENTOR)
        context["mentoring_sessions"] = mentoring.home_upcoming(user, as_mentor=True)
    if roles.is_facilitator:
        context["facilitated_sets"] = learning_sets_facilitated_by(user)
        context["facilitator_next_meetings"] = next_meetings_of(
            context["facilitated_sets"], limit=3
        )
    if not roles.programmes:
        # No role yet: most likely an applicant.
        context["applications"] = list(applications_of(user))
        context["open_round_count"] = open_rounds().count()
    if roles.is_reviewer:
        context["review_to_do"] = recruitment_reviews.to_do_count(user)
        context["review_next"] = recruitment_reviews.assignments_of(user).filter(done=False)[:5]
    return render(request, "home.html", context)


@never_cache
def healthz(request):
    """Each part Pioneer depends on, as JSON: 200 "ok" or "degraded" (naming what fails)
    while the database answers, 503 when it does not."""
    report = health.report()
    return JsonResponse(report, status=503 if report["status"] == "down" else 200)


def bare(request):
    """The yardstick for `make bench`: a tiny template and no queries."""
    return render(request, "bench/bare.html", {"greeting": "Hello"})
