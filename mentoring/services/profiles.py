"""A mentor's profile on a programme."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import Membership, Programme, User
from cohorts.models import Theme
from mentoring.models import MentorProfile
from mentoring.selectors.rules import rules_for
from mentoring.services.common import _clean


def _mentor_membership(user: User, programme: Programme) -> Membership:
    membership = Membership.objects.active_mentors(programme).filter(user=user).first()
    if membership is None:
        raise ValidationError("You are not a mentor on this programme.")
    return membership


def profile_defaults(*, user: User, programme: Programme) -> dict:
    """What a mentor's profile starts from: the organisation and job title of their
    membership, and the programme's usual monthly limit."""
    membership = _mentor_membership(user, programme)
    return {
        "organisation": membership.organisation,
        "job_title": membership.job_title,
        "monthly_limit": rules_for(programme).default_monthly_limit,
    }


def mentor_profile_ensure(*, user: User, programme: Programme) -> MentorProfile:
    """The mentor's profile on the programme, made from their membership the first time."""
    profile, _ = MentorProfile.objects.get_or_create(
        user=user, programme=programme, defaults=profile_defaults(user=user, programme=programme)
    )
    return profile


@transaction.atomic
def mentor_profile_update(
    *,
    user: User,
    programme: Programme,
    expertise: list[Theme],
    organisation: str,
    job_title: str,
    bio: str,
    monthly_limit: int,
) -> MentorProfile:
    profile = mentor_profile_ensure(user=user, programme=programme)
    if any(theme.programme_id != programme.pk for theme in expertise):
        raise ValidationError("Choose expertise from this programme's themes.")
    profile.organisation = organisation.strip()
    profile.job_title = job_title.strip()
    profile.bio = bio.strip()
    profile.monthly_limit = monthly_limit
    _clean(profile)
    profile.save()
    profile.expertise.set(expertise)
    return profile
