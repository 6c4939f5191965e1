from django.urls import path

from cohorts import views

app_name = "cohorts"

urlpatterns = [
    path("", views.cohort_list, name="list"),
    path("timetable/", views.my_timetable, name="my_timetable"),
    path("sets/", views.my_learning_sets, name="my_learning_sets"),
    path("programmes/<int:pk>/new/", views.cohort_create, name="create"),
    path("programmes/<int:pk>/themes/", views.themes, name="themes"),
    path("themes/<int:pk>/edit/", views.theme_edit, name="theme_edit"),
    path("<int:pk>/", views.cohort_detail, name="detail"),
    path("<int:pk>/edit/", views.cohort_edit, name="edit"),
    path("<int:pk>/invite/", views.bulk_invite, name="bulk_invite"),
    path("<int:pk>/timetable/", views.timetable, name="timetable"),
    path("<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path("<int:pk>/attendance/", views.attendance_summary, name="attendance_summary"),
    path("<int:pk>/sets/", views.learning_sets, name="learning_sets"),
    path("<int:pk>/sets/new/", views.learning_set_create, name="learning_set_create"),
    path("<int:pk>/sets/split/", views.learning_set_split, name="learning_set_split"),
    path("<int:pk>/interviews/", views.interviews, name="interviews"),
    path("<int:pk>/wants/", views.cohort_wants, name="wants"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<int:pk>/delete/", views.session_delete, name="session_delete"),
    path("sessions/<int:pk>/attendance/", views.attendance_take, name="attendance_take"),
    path("sets/<int:pk>/", views.learning_set_detail, name="learning_set_detail"),
    path("sets/<int:pk>/edit/", views.learning_set_edit, name="learning_set_edit"),
    path("sets/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("memberships/<int:pk>/interview/", views.interview_record, name="interview_record"),
    path("interviews/<int:pk>/goals/", views.interview_goals, name="interview_goals"),
]
