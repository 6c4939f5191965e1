"""Timetables and sessions: a person's, a cohort's, and each session."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.roles import roles_of
from cohorts.forms.timetable import SessionForm
from cohorts.models import Session
from cohorts.selectors import timetable as selectors
from cohorts.services import timetable as services
from cohorts.views.cohorts import cohort_permission
from core.forms import show_errors
from core.permissions import object_permission_required

SESSIONS = Session.objects.select_related("cohort", "cohort__programme", "learning_set")


def _split_by_now(sessions) -> tuple[list, list]:
    now = timezone.now()
    upcoming = [session for session in sessions if session.ends_at >= now]
    past = [session for session in sessions if session.ends_at < now]
    return upcoming, past


@login_required
def my_timetable(request):
    sessions = selectors.upcoming_sessions_for(request.user, limit=selectors.TIMETABLE_LIMIT)
    return render(
        request,
        "cohorts/my_timetable.html",
        {"sessions": sessions, "limit": selectors.TIMETABLE_LIMIT},
    )


@cohort_permission("accounts.view_cohort")
def timetable(request, cohort):
    sessions = list(selectors.cohort_timetable(request.user, cohort))
    upcoming, past = _split_by_now(sessions)
    is_fellow = cohort.pk in roles_of(request.user).fellow_cohorts
    if is_fellow:
        own = selectors.own_attendance(request.user, past)
        for session in past:
            session.own_status = own.get(session.pk)
    return render(
        request,
        "cohorts/timetable.html",
        {
            "cohort": cohort,
            "upcoming": upcoming,
            "past": past,
            "is_fellow": is_fellow,
            "can_add": request.user.has_perm("cohorts.add_session", cohort),
        },
    )


@cohort_permission("cohorts.add_session")
def session_create(request, cohort):
    form = SessionForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(cohort=cohort, **form.session_fields)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{session.title} added to the timetable")
            return redirect("cohorts:session_detail", session.pk)
    return render(request, "cohorts/session_form.html", {"cohort": cohort, "form": form})


def session_permission(perm: str):
    return object_permission_required(
        perm, model=Session, visible="cohorts.view_session", queryset=SESSIONS
    )


@session_permission("cohorts.view_session")
def session_detail(request, session):
    user = request.user
    is_fellow = session.cohort_id in roles_of(user).fellow_cohorts
    return render(
        request,
        "cohorts/session_detail.html",
        {
            "session": session,
            "cohort": session.cohort,
            "own": selectors.own_attendance(user, [session]).get(session.pk) if is_fellow else None,
            "is_fellow": is_fellow,
            "can_run": user.has_perm("cohorts.change_session", session),
            "started": session.starts_at <= timezone.now(),
        },
    )


@session_permission("cohorts.change_session")
def session_edit(request, session):
    # A facilitator edits their set's meeting; only advisers change a session's kind or set.
    adviser = request.user.has_perm("cohorts.manage_cohort", session.cohort)
    form = SessionForm(
        request.POST or None,
        cohort=session.cohort,
        learning_set=None if adviser else session.learning_set,
        session=session,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(session=session, **form.session_fields)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{session.title} saved")
            return redirect("cohorts:session_detail", session.pk)
    return render(
        request,
        "cohorts/session_form.html",
        {"cohort": session.cohort, "session": session, "form": form},
    )


@session_permission("cohorts.change_session")
def session_delete(request, session):
    error = None
    if request.method == "POST":
        try:
            services.session_delete(session=session)
        except ValidationError as refusal:
            error = refusal.messages[0]
        else:
            messages.success(request, f"{session.title} removed from the timetable")
            return redirect("cohorts:timetable", session.cohort_id)
    return render(request, "cohorts/session_delete.html", {"session": session, "error": error})
