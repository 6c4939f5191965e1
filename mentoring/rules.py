"""Who may do what with mentors, slots, bookings and waitlists.

Advisers read everything on their programmes; a fellow books, cancels and
rates their own bookings with mentors of their own programme; a mentor keeps
their own slots and sees the bookings made with them. Nobody else sees any of it.
"""

import rules
from django.db.models import QuerySet

from fellowship.accounts.models import Cohort, Membership, Programme, Role
from fellowship.accounts.roles import roles_of
from fellowship.accounts.rules import is_programme_adviser, is_programme_mentor
from mentoring.models import MentorProfile


def fellow_programmes(user) -> frozenset[int]:
    """Programmes where the person is an active fellow of some cohort (cached per request)."""
    roles = roles_of(user)
    if not roles.fellow_cohorts:
        return frozenset()
    cached = getattr(user, "_mentoring_fellow_programmes", None)
    if cached is None:
        cached = frozenset(
            Cohort.objects.filter(pk__in=roles.fellow_cohorts).values_list(
                "programme_id", flat=True
            )
        )
        user._mentoring_fellow_programmes = cached
    return cached


def programme_of(obj) -> int | None:
    """The programme of a mentor profile, slot, booking or waitlist entry."""
    if isinstance(obj, Programme):
        return obj.pk
    if hasattr(obj, "slot_id"):  # a booking
        return obj.slot.programme_id
    return getattr(obj, "programme_id", None)


def active_mentors() -> QuerySet[Membership]:
    """Mentor memberships that have not ended. A mentor who has left is not listed,
    booked or reminded; `selectors.mentor_is_active` is the same rule as a subquery."""
    return Membership.objects.filter(role=Role.MENTOR, cohort__isnull=True, is_active=True)


@rules.predicate
def mentor_is_active(user, obj) -> bool:
    """The mentor of a profile or slot is still a mentor on its programme."""
    mentor_id = obj.user_id if isinstance(obj, MentorProfile) else obj.mentor_id
    return active_mentors().filter(user_id=mentor_id, programme_id=programme_of(obj)).exists()


@rules.predicate
def is_fellow_on_programme(user, obj) -> bool:
    return programme_of(obj) in fellow_programmes(user)


@rules.predicate
def advises_programme(user, obj) -> bool:
    return programme_of(obj) in roles_of(user).adviser_programmes


@rules.predicate
def mentors_on_programme(user, obj) -> bool:
    return programme_of(obj) in roles_of(user).mentor_programmes


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


# Programme-wide pages.
rules.add_perm("mentoring.view_directory", is_fellow_on_programme | advises_programme)
rules.add_perm("mentoring.keep_profile", is_programme_mentor)
rules.add_perm("mentoring.view_uptake", is_programme_adviser)
rules.add_perm("mentoring.change_rules", is_programme_adviser)

# Fellows see, book and wait for mentors who are still mentors on their programme.
fellow_may_book = is_fellow_on_programme & mentor_is_active

# A mentor's profile, seen by the programme's fellows and advisers and the mentor.
rules.add_perm(
    "mentoring.view_mentor",
    fellow_may_book | advises_programme | (is_profile_owner & mentors_on_programme),
)
rules.add_perm("mentoring.join_waitlist", fellow_may_book)

# Slots.
rules.add_perm(
    "mentoring.view_slot",
    fellow_may_book | advises_programme | (is_slot_mentor & mentors_on_programme),
)
rules.add_perm("mentoring.book_slot", fellow_may_book)
rules.add_perm("mentoring.change_slot", is_slot_mentor & mentors_on_programme)

# Bookings: the fellow who made it, the mentor it is with, the programme's advisers.
rules.add_perm(
    "mentoring.view_booking",
    is_booking_fellow | (is_booking_mentor & mentors_on_programme) | advises_programme,
)
rules.add_perm("mentoring.change_booking", is_booking_fellow)
rules.add_perm("mentoring.record_outcome", is_booking_mentor & mentors_on_programme)

rules.add_perm("mentoring.leave_waitlist", is_waiting_fellow)
