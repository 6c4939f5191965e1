"""Mentors' profiles, and whether their mentor is still a mentor on the programme."""

from django.db.models import Exists, OuterRef, QuerySet

from accounts.models import Membership, Programme
from mentoring.models import MentorProfile


def mentor_is_active(mentor: str = "mentor", programme: str = "programme") -> Exists:
    """The `mentoring.rules.mentor_is_active` rule as a subquery on the outer row's fields."""
    return Exists(
        Membership.objects.active_mentors(OuterRef(programme)).filter(user=OuterRef(mentor))
    )


def active_mentor_profiles(programme: Programme) -> QuerySet[MentorProfile]:
    """Profiles of people who are still mentors on the programme."""
    return MentorProfile.objects.filter(programme=programme).filter(mentor_is_active("user"))


def profile_of(mentor_id: int, programme_id: int) -> MentorProfile | None:
    """A mentor's profile on a programme, with its person and programme."""
    return (
        MentorProfile.objects.select_related("user", "programme")
        .filter(user_id=mentor_id, programme_id=programme_id)
        .first()
    )


def profiles_by_programme(user) -> dict[int, MentorProfile]:
    """A mentor's own profiles with their expertise, by programme id."""
    return {
        profile.programme_id: profile
        for profile in MentorProfile.objects.filter(user=user).prefetch_related("expertise")
    }
