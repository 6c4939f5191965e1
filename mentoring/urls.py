from django.urls import path

from mentoring.views import availability, bookings, directory, profiles, rules, uptake, waitlist

app_name = "mentoring"

urlpatterns = [
    # Fellows
    path("mentors/", directory.directory, name="directory"),
    path("mentors/<int:pk>/", directory.mentor_detail, name="mentor_detail"),
    path("mentors/<int:pk>/waitlist/", waitlist.waitlist_join, name="waitlist_join"),
    path("waitlist/<int:pk>/leave/", waitlist.waitlist_leave, name="waitlist_leave"),
    path("slots/<int:pk>/book/", bookings.book, name="book"),
    # Bookings, for both sides
    path("bookings/", bookings.bookings, name="bookings"),
    path("bookings/<int:pk>/", bookings.booking_detail, name="booking_detail"),
    path("bookings/<int:pk>/cancel/", bookings.booking_cancel, name="booking_cancel"),
    path("bookings/<int:pk>/reschedule/", bookings.booking_reschedule, name="booking_reschedule"),
    path("bookings/<int:pk>/feedback/", bookings.booking_feedback, name="booking_feedback"),
    path("bookings/<int:pk>/outcome/", bookings.booking_outcome, name="booking_outcome"),
    # Mentors
    path("availability/", availability.availability, name="availability"),
    path("programmes/<int:pk>/profile/", profiles.profile_edit, name="profile_edit"),
    path("programmes/<int:pk>/slots/add/", availability.slot_add, name="slot_add"),
    path("programmes/<int:pk>/slots/weekly/", availability.slots_weekly, name="slots_weekly"),
    path("slots/<int:pk>/edit/", availability.slot_edit, name="slot_edit"),
    path("slots/<int:pk>/remove/", availability.slot_remove, name="slot_remove"),
    path("slots/<int:pk>/cancel/", availability.slot_cancel, name="slot_cancel"),
    path(
        "slots/<int:pk>/series/remove/",
        availability.slot_series_remove,
        name="slot_series_remove",
    ),
    # Advisers
    path("programmes/<int:pk>/uptake/", uptake.uptake, name="uptake"),
    path("programmes/<int:pk>/export/<str:kind>.csv", uptake.uptake_csv, name="uptake_csv"),
    path("programmes/<int:pk>/rules/", rules.rules_edit, name="rules_edit"),
]
