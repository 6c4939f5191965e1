from django.urls import path

from mentoring import views

app_name = "mentoring"

urlpatterns = [
    # Fellows
    path("mentors/", views.directory, name="directory"),
    path("mentors/<int:pk>/", views.mentor_detail, name="mentor_detail"),
    path("mentors/<int:pk>/waitlist/", views.waitlist_join, name="waitlist_join"),
    path("waitlist/<int:pk>/leave/", views.waitlist_leave, name="waitlist_leave"),
    path("slots/<int:pk>/book/", views.book, name="book"),
    # Bookings, for both sides
    path("bookings/", views.bookings, name="bookings"),
    path("bookings/<int:pk>/", views.booking_detail, name="booking_detail"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("bookings/<int:pk>/reschedule/", views.booking_reschedule, name="booking_reschedule"),
    path("bookings/<int:pk>/feedback/", views.booking_feedback, name="booking_feedback"),
    path("bookings/<int:pk>/outcome/", views.booking_outcome, name="booking_outcome"),
    # Mentors
    path("availability/", views.availability, name="availability"),
    path("programmes/<int:pk>/profile/", views.profile_edit, name="profile_edit"),
    path("programmes/<int:pk>/slots/add/", views.slot_add, name="slot_add"),
    path("programmes/<int:pk>/slots/weekly/", views.slots_weekly, name="slots_weekly"),
    path("slots/<int:pk>/edit/", views.slot_edit, name="slot_edit"),
    path("slots/<int:pk>/remove/", views.slot_remove, name="slot_remove"),
    path("slots/<int:pk>/cancel/", views.slot_cancel, name="slot_cancel"),
    # Advisers
    path("programmes/<int:pk>/uptake/", views.uptake, name="uptake"),
    path("programmes/<int:pk>/export/<str:kind>.csv", views.uptake_csv, name="uptake_csv"),
    path("programmes/<int:pk>/rules/", views.rules_edit, name="rules_edit"),
]
