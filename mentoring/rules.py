"""Who may do what with mentors, slots, bookings and waitlists.

Advisers read everything on their programmes; a fellow books, cancels and
rates their own bookings with mentors of their own programme; a mentor keeps
their own slots and sees the bookings made with them. Nobody else sees any of it.
"""

import rules

from accounts.models import Membership
from accounts.roles import roles_of
from accounts.rules import (
    is_adviser_anywhere,
    is_fellow_anywhere,
    is_mentor_anywhere,
    is_programme_adviser,
    is_programme_mentor,
    programme_id_of,
)
from mentoring.models import MentorProfile


@rules.predicate
def mentor_is_active(user, obj) -> bool:
    """The mentor of a profile or slot is still a mentor on its programme. Read from the
    row when it was loaded with it (`mentor_active`: mentoring.selectors.profiles), as the
    booking page's slot is, so checking two permissions costs no query."""
    loaded = getattr(obj, "mentor_active", None)
    if loaded is not None:
        return loaded
    mentor_id = obj.user_id if isinstance(obj, MentorProfile) else obj.mentor_id
    return (
        Membership.objects.active_mentors(programme_id_of(obj)).filter(user_id=mentor_id).exists()
    )


@rules.predicate
def is_fellow_on_programme(user, obj) -> bool:
    return programme_id_of(obj) in roles_of(user).fellow_programmes


@rules.predicate
def is_profile_owner(user, profile) -> bool:
    return profile.user_id == user.pk


@rules.predicate
def is_slot_mentor(user, slot) -> bool:
    return slot.mentor_id == user.pk


@rules.predicate
def is_booking_fellow(user, booking) -> bool:
    return booking.fellow_id == user.pk and booking.cohort_id in roles_of(user).fellow_cohorts


@rules.predicate
def is_booking_mentor(user, booking) -> bool:
    return booking.slot.mentor_id == user.pk


@rules.predicate
def is_waiting_fellow(user, entry) -> bool:
    return entry.fellow_id == user.pk


# Pages that are not about one object: the directory, a person's bookings, a mentor's slots.
rules.add_perm("mentoring.browse_mentors", is_fellow_anywhere | is_adviser_anywhere)
rules.add_perm("mentoring.view_own_bookings", is_fellow_anywhere | is_mentor_anywhere)
rules.add_perm("mentoring.keep_availability", is_mentor_anywhere)


# Programme-wide pages.
rules.add_perm("mentoring.view_directory", is_fellow_on_programme | is_programme_adviser)
rules.add_perm("mentoring.keep_profile", is_programme_mentor)
rules.add_perm("mentoring.view_uptake", is_programme_adviser)
rules.add_perm("mentoring.change_rules", is_programme_adviser)

# Fellows see, book and wait for mentors who are still mentors on their programme.
fellow_may_book = is_fellow_on_programme & mentor_is_active

# A mentor's profile, seen by the programme's fellows and advisers and the mentor.
rules.add_perm(
    "mentoring.view_mentor",
    fellow_may_book | is_programme_adviser | (is_profile_owner & is_programme_mentor),
)
rules.add_perm("mentoring.join_waitlist", fellow_may_book)

# Slots.
rules.add_perm(
    "mentoring.view_slot",
    fellow_may_book | is_programme_adviser | (is_slot_mentor & is_programme_mentor),
)
rules.add_perm("mentoring.book_slot", fellow_may_book)
rules.add_perm("mentoring.change_slot", is_slot_mentor & is_programme_mentor)

# Bookings: the fellow who made it, the mentor it is with, the programme's advisers.
rules.add_perm(
    "mentoring.view_booking",
    is_booking_fellow | (is_booking_mentor & is_programme_mentor) | is_programme_adviser,
)
rules.add_perm("mentoring.change_booking", is_booking_fellow)
rules.add_perm("mentoring.record_outcome", is_booking_mentor & is_programme_mentor)

rules.add_perm("mentoring.leave_waitlist", is_waiting_fellow)
