"""Cohort pages: the cohort, its people and invitations, timetable, attendance,
learning sets and intake interviews. Views parse input and call services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts import selectors as accounts
from accounts.models import Cohort, Membership, Programme, Role
from accounts.roles import roles_of
from cohorts import selectors, services
from cohorts.forms import (
    AttendanceForm,
    BulkInvitationForm,
    CohortForm,
    InterviewForm,
    LearningSetForm,
    SessionForm,
    SplitForm,
    ThemeForm,
    goal_formset,
)
from cohorts.models import IntakeInterview, LearningSet, Session, Theme
from cohorts.split import Candidate, balance, default_set_count, suggest_split
from core.forms import show_errors
from core.permissions import object_permission_required

ROLE_ORDER = [Role.FELLOW, Role.FACILITATOR, Role.MENTOR, Role.ADVISER, Role.REVIEWER]

COHORTS = Cohort.objects.select_related("programme")
SESSIONS = Session.objects.select_related("cohort", "cohort__programme", "learning_set")
LEARNING_SETS = LearningSet.objects.select_related("cohort", "cohort__programme", "facilitator")


def cohort_permission(perm: str):
    """Cohort pages: members may know the cohort exists, so other refusals are 403."""
    return object_permission_required(
        perm, model=Cohort, visible="accounts.view_cohort", queryset=COHORTS
    )


# Cohorts


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
def cohort_detail(request, cohort):
    user = request.user
    roles = roles_of(user)
    grouped = selectors.cohort_people(cohort, user)
    groups = [(role, grouped.get(role, [])) for role in ROLE_ORDER if grouped.get(role)]
    context = {
        "cohort": selectors.cohort_with_counts(cohort.pk, user),
        "groups": groups,
        "next_sessions": selectors.upcoming_sessions_for(user, cohort_ids=[cohort.pk]),
        "can_manage": user.has_perm("cohorts.manage_cohort", cohort),
        "sees_only_own_set_members": selectors.sees_only_own_set_members(user, cohort),
    }
    if cohort.pk in roles.fellow_cohorts:
        context["place"] = selectors.learning_set_places_of(user).filter(cohort=cohort).first()
        context["interview_id"] = selectors.interviews_of(user).get(cohort.pk)
    return render(request, "cohorts/cohort_detail.html", context)


@cohort_permission("cohorts.manage_cohort")
def bulk_invite(request, cohort):
    form = BulkInvitationForm(request.POST or None, request.FILES or None)
    plan, sent = None, False
    if request.method == "POST" and form.is_valid():
        # Nothing is sent until the adviser confirms the list they were shown.
        if request.POST.get("action") == "confirm" and form.cleaned_data["payload"]:
            try:
                plan = services.invitations_send(
                    cohort=cohort, invited_by=request.user, lines=form.lines
                )
            except ValidationError as error:
                show_errors(form, error)
            else:
                sent = True
                invited = sum(item.status == services.LineStatus.INVITED for item in plan)
                messages.success(request, f"{invited} invitation{'s' if invited != 1 else ''} sent")
        else:
            plan = services.invitations_plan(cohort=cohort, lines=form.lines)
    return render(
        request,
        "cohorts/bulk_invite.html",
        {
            "cohort": cohort,
            "form": form,
            "plan": plan,
            "sent": sent,
            "to_send": sum(item.will_send for item in plan or []),
        },
    )


# Timetable


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


# Attendance


@session_permission("cohorts.take_attendance")
def attendance_take(request, session):
    fellows = list(selectors.expected_fellows(session))
    form = AttendanceForm(
        request.POST or None, fellows=fellows, recorded=selectors.attendance_at(session)
    )
    if request.method == "POST" and form.is_valid():
        count = services.attendance_record(
            session=session, recorded_by=request.user, statuses=form.statuses
        )
        messages.success(request, f"Attendance saved for {count} fellow{'s' * (count != 1)}")
        return redirect("cohorts:session_detail", session.pk)
    return render(
        request,
        "cohorts/attendance_take.html",
        {"session": session, "cohort": session.cohort, "form": form, "fellows": fellows},
    )


@cohort_permission("cohorts.view_attendance_summary")
def attendance_summary(request, cohort):
    fellows = list(selectors.fellow_attendance(cohort))
    for row in fellows:
        row.recorded = row.present + row.apologies + row.absent
        row.rate = round(100 * row.present / row.recorded) if row.recorded else None
        row.flagged = bool(row.recorded) and (
            100 * row.present < selectors.ATTENDANCE_FLAG * row.recorded
        )
    sessions = list(selectors.session_attendance(cohort))
    for session in sessions:
        session.expected = session.set_fellows if session.learning_set_id else len(fellows)
        session.recorded = session.present + session.apologies + session.absent
    return render(
        request,
        "cohorts/attendance_summary.html",
        {
            "cohort": cohort,
            "fellows": fellows,
            "sessions": sessions,
            "flagged": [row for row in fellows if row.flagged],
            "threshold": selectors.ATTENDANCE_FLAG,
        },
    )


# Learning sets


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
    fellows = list(selectors.cohort_fellows(cohort))
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
    fellows = selectors.cohort_fellows(cohort)
    candidates = [
        m for m in fellows if m.set_id is None or (learning_set and m.set_id == learning_set.pk)
    ]
    return LearningSetForm(
        request.POST or None,
        cohort=cohort,
        candidates=candidates,
        facilitators=selectors.cohort_facilitators(cohort),
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
    everyone = list(selectors.cohort_fellows(cohort))
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
            facilitators=selectors.cohort_facilitators(cohort),
            suggestion=suggest_split(candidates, set_count),
        )
        if request.POST.get("action") == "save" and form.is_valid():
            try:
                made = services.learning_sets_create(cohort=cohort, sets=form.new_sets)
            except ValidationError as error:
                show_errors(form, error)
            else:
                messages.success(request, f"{len(made)} learning sets created")
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
            "members": selectors.learning_set_members(learning_set),
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
            session = services.session_create(cohort=cohort, **form.session_fields)
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


# Intake interviews and themes


@cohort_permission("cohorts.manage_cohort")
def interviews(request, cohort):
    return render(
        request,
        "cohorts/interviews.html",
        {"cohort": cohort, "fellows": selectors.interview_overview(cohort)},
    )


@cohort_permission("cohorts.manage_cohort")
def cohort_wants(request, cohort):
    return render(
        request,
        "cohorts/cohort_wants.html",
        {"cohort": cohort, "wants": selectors.cohort_wants(cohort), "scale": selectors.SCALE},
    )


@object_permission_required(
    "cohorts.record_interview",
    model=Membership,
    queryset=Membership.objects.active_fellows().select_related(
        "user", "cohort", "cohort__programme"
    ),
)
def interview_record(request, membership):
    cohort, fellow = membership.cohort, membership.user
    interview = selectors.interview_of(fellow, cohort)
    themes = selectors.programme_themes(cohort.programme_id)
    advisers = selectors.interviewers_for(cohort, interview)
    data = request.POST or None
    form = InterviewForm(data, advisers=advisers, interview=interview, interviewer=request.user)
    goals = goal_formset(data, themes=themes, interview=interview)
    if request.method == "POST" and form.is_valid() and goals.is_valid():
        try:
            services.interview_save(
                cohort=cohort, fellow=fellow, goals=goals.goals, **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Intake interview with {fellow.name} saved")
            return redirect("cohorts:interviews", cohort.pk)
    return render(
        request,
        "cohorts/interview_form.html",
        {
            "cohort": cohort,
            "membership": membership,
            "interview": interview,
            "form": form,
            "goals": goals,
            "has_themes": themes.exists(),
        },
    )


@object_permission_required(
    "cohorts.view_goals",
    model=IntakeInterview,
    queryset=IntakeInterview.objects.select_related("cohort", "cohort__programme", "fellow"),
)
def interview_goals(request, interview):
    goals = interview.goals.prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("name"))
    )
    return render(
        request,
        "cohorts/interview_goals.html",
        {"interview": interview, "cohort": interview.cohort, "goals": goals},
    )


@object_permission_required("accounts.manage_programme", model=Programme)
def themes(request, programme):
    form = ThemeForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            theme = services.theme_create(programme=programme, name=form.cleaned_data["name"])
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{theme.name} added")
            return redirect("cohorts:themes", programme.pk)
    return render(
        request,
        "cohorts/themes.html",
        {
            "programme": programme,
            "themes": selectors.themes_with_use(programme),
            "form": form,
        },
    )


@object_permission_required(
    "cohorts.change_theme", model=Theme, queryset=Theme.objects.select_related("programme")
)
def theme_edit(request, theme):
    form = ThemeForm(request.POST or None, programme=theme.programme, theme=theme)
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_rename(theme=theme, name=form.cleaned_data["name"])
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Theme renamed to {theme.name}")
            return redirect("cohorts:themes", theme.programme_id)
    return render(request, "cohorts/theme_form.html", {"theme": theme, "form": form})
