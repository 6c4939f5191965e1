from django.urls import path

from cohorts.views import (
    attendance,
    cohorts,
    exports,
    interviews,
    invitations,
    learning_sets,
    timetable,
)

app_name = "cohorts"

urlpatterns = [
    path("", cohorts.cohort_list, name="list"),
    path("timetable/", timetable.my_timetable, name="my_timetable"),
    path("sets/", learning_sets.my_learning_sets, name="my_learning_sets"),
    path("programmes/<int:pk>/new/", cohorts.cohort_create, name="create"),
    path("programmes/<int:pk>/themes/", interviews.themes, name="themes"),
    path(
        "programmes/<int:pk>/people.csv", exports.programme_people_csv, name="programme_people_csv"
    ),
    path("themes/<int:pk>/edit/", interviews.theme_edit, name="theme_edit"),
    path("<int:pk>/", cohorts.cohort_detail, name="detail"),
    path("<int:pk>/edit/", cohorts.cohort_edit, name="edit"),
    path("<int:pk>/people.csv", exports.people_csv, name="people_csv"),
    path("<int:pk>/sets.csv", exports.learning_sets_csv, name="learning_sets_csv"),
    path("<int:pk>/interviews.csv", exports.interviews_csv, name="interviews_csv"),
    path("<int:pk>/invite/", invitations.bulk_invite, name="bulk_invite"),
    path("<int:pk>/timetable/", timetable.timetable, name="timetable"),
    path("<int:pk>/sessions/new/", timetable.session_create, name="session_create"),
    path("<int:pk>/attendance/", attendance.attendance_summary, name="attendance_summary"),
    path(
        "<int:pk>/attendance.csv", attendance.attendance_summary_csv, name="attendance_summary_csv"
    ),
    path(
        "<int:pk>/attendance-by-session.csv",
        attendance.session_attendance_csv,
        name="session_attendance_csv",
    ),
    path("<int:pk>/sets/", learning_sets.learning_sets, name="learning_sets"),
    path("<int:pk>/sets/new/", learning_sets.learning_set_create, name="learning_set_create"),
    path("<int:pk>/sets/split/", learning_sets.learning_set_split, name="learning_set_split"),
    path("<int:pk>/interviews/", interviews.interviews, name="interviews"),
    path("<int:pk>/wants/", interviews.cohort_wants, name="wants"),
    path("sessions/<int:pk>/", timetable.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", timetable.session_edit, name="session_edit"),
    path("sessions/<int:pk>/delete/", timetable.session_delete, name="session_delete"),
    path("sessions/<int:pk>/attendance/", attendance.attendance_take, name="attendance_take"),
    path("sessions/<int:pk>/register.csv", attendance.register_csv, name="register_csv"),
    path("sets/<int:pk>/", learning_sets.learning_set_detail, name="learning_set_detail"),
    path("sets/<int:pk>/edit/", learning_sets.learning_set_edit, name="learning_set_edit"),
    path("sets/<int:pk>/meetings/new/", learning_sets.meeting_create, name="meeting_create"),
    path("memberships/<int:pk>/interview/", interviews.interview_record, name="interview_record"),
    path("interviews/<int:pk>/goals/", interviews.interview_goals, name="interview_goals"),
]
