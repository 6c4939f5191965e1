"""Taking attendance at a session, a cohort's attendance summary, and both as CSV."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from cohorts.exports import attendance as exports
from cohorts.forms.attendance import AttendanceForm
from cohorts.selectors import attendance as selectors
from cohorts.services import attendance as services
from cohorts.views.cohorts import cohort_permission
from cohorts.views.timetable import session_permission
from core import cached
from core.changes import cohort_stamp
from core.csv import csv_response
from core.forms import show_errors


def _saved(count: int) -> str:
    return f"Attendance saved for {count} fellow{'s' * (count != 1)}"


@session_permission("cohorts.take_attendance")
def attendance_take(request, session):
    context = {"session": session, "cohort": session.cohort}
    if session.starts_at > timezone.now():
        # Nothing to record yet: say when it can be, and offer no form.
        return render(request, "cohorts/attendance_take.html", context | {"not_started": True})
    fellows = list(selectors.expected_fellows(session))
    everyone_present = request.method == "GET" and request.GET.get("everyone") == "present"
    form = AttendanceForm(
        request.POST if request.method == "POST" else None,
        fellows=fellows,
        recorded=selectors.attendance_at(session),
        everyone_present=everyone_present,
    )
    if request.method == "POST" and form.is_valid():
        try:
            count = services.attendance_record(
                session=session, recorded_by=request.user, statuses=form.statuses
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            if form.missing:
                messages.warning(
                    request, f"{_saved(count)}. Still to mark: {', '.join(form.missing)}"
                )
                return redirect("cohorts:attendance_take", session.pk)
            messages.success(request, _saved(count))
            return redirect("cohorts:session_detail", session.pk)
    return render(
        request,
        "cohorts/attendance_take.html",
        context
        | {
            "form": form,
            "fellows": fellows,
            "everyone_present": everyone_present,
            "can_export": request.user.has_perm("cohorts.export_attendance", session),
        },
    )


@session_permission("cohorts.export_attendance")
def register_csv(request, session):
    header, rows = exports.register_table(session)
    when = timezone.localtime(session.starts_at).date().isoformat()
    return csv_response(
        f"{session.cohort.name} {session.title} {when} register", header, rows, about=session
    )


@cohort_permission("cohorts.view_attendance_summary")
@cached.page(lambda request, cohort: cohort_stamp(cohort))
def attendance_summary(request, cohort):
    fellows = list(selectors.fellow_attendance(cohort))
    for row in fellows:
        row.recorded = row.present + row.apologies + row.absent
        row.rate = selectors.attendance_rate(row.present, row.recorded)
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


@cohort_permission("cohorts.view_attendance_summary")
def attendance_summary_csv(request, cohort):
    header, rows = exports.summary_table(cohort)
    return csv_response(f"{cohort.name} attendance", header, rows, about=cohort)


@cohort_permission("cohorts.view_attendance_summary")
def session_attendance_csv(request, cohort):
    header, rows = exports.sessions_table(cohort)
    return csv_response(f"{cohort.name} attendance by session", header, rows, about=cohort)
