"""What each write to a programme's mentoring changes."""

from accounts.changes import in_cohort, in_programme
from core.changes import Places, watch, watch_m2m
from mentoring.models import Booking, MentoringRules, MentorProfile, Slot, WaitlistEntry


def _booking(booking) -> Places:
    # Its cohort, and the slot's programme if that is not the cohort's (the same today,
    # but the slot decides): a programme's stamp counts its cohorts' rows, so a programme
    # row would only move the other cohorts' pages, which do not show the booking. And
    # both people: their lists of bookings outlast their roles in the programme.
    slot = list(Slot.objects.filter(pk=booking.slot_id).values_list("programme_id", "mentor_id"))
    places = in_cohort()(booking)
    covered = {programme for programme, _ in places.cohorts}
    return places | Places(
        programmes={programme for programme, _ in slot} - covered,
        users={mentor for _, mentor in slot} | {booking.fellow_id},
    )


def _profile(profile) -> Places:
    return Places(programmes={profile.programme_id}, users={profile.user_id})


def connect() -> None:
    for model in (MentoringRules, Slot, WaitlistEntry):
        watch(model, in_programme())
    watch(MentorProfile, _profile)
    watch_m2m(MentorProfile.expertise.through, _profile)
    watch(Booking, _booking)
