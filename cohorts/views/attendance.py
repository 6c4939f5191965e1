"""Taking attendance at a session and a cohort's attendance summary."""

from django.contrib import messages
from django.shortcuts import redirect, render

from cohorts.forms.attendance import AttendanceForm
from cohorts.selectors import attendance as selectors
from cohorts.services import attendance as services
from cohorts.views.cohorts import cohort_permission
from cohorts.views.timetable import session_permission


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
