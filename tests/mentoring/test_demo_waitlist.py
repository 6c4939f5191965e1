"""The demo has a mentor whose slots are all taken, so a fellow can find and join a
waitlist straight away."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from mentoring.models import WaitlistEntry
from mentoring.selectors.profiles import active_mentor_profiles
from mentoring.selectors.slots import free_slots_of

pytestmark = pytest.mark.django_db


def test_demo_fellow_finds_a_fully_booked_mentor_and_joins_the_waitlist(client):
    call_command("seed_demo", force=True, verbosity=0)
    fellow = User.objects.get(email="fellow@example.org")
    now = timezone.now()
    programme = fellow.memberships.filter(cohort__isnull=False).first().programme
    full = [
        profile
        for profile in active_mentor_profiles(programme).select_related("user", "programme")
        if not free_slots_of(profile, now=now).exists()
    ]
    assert full, "the demo needs a fully booked mentor"
    profile = full[0]
    WaitlistEntry.objects.filter(mentor=profile.user, fellow=fellow).delete()
    client.force_login(fellow)

    directory = client.get(reverse("mentoring:directory"))
    page = client.get(reverse("mentoring:mentor_detail", args=[profile.pk]))
    response = client.post(reverse("mentoring:waitlist_join", args=[profile.pk]))

    assert "No free slots at the moment: fellows can join the waitlist" in directory.text
    assert f"Join {profile.user.name}'s waitlist" in page.text
    assert response.status_code == 302
    assert WaitlistEntry.objects.filter(mentor=profile.user, fellow=fellow).exists()
