"""The demo across apps: evaluation scores read the mentoring and attendance records the
other apps' demo data made, and mentor suggestions read intake goals and project themes."""

import statistics

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Cohort, User
from evaluation.models import Score, Wave
from mentoring.models import Booking

pytestmark = pytest.mark.django_db

DERIVED = ["mentors_met", "learning_set_attendance", "sessions_attended", "network_ties"]


@pytest.fixture
def demo():
    call_command("seed_demo", force=True, verbosity=0)


def derived_of(score: Score) -> dict[str, dict]:
    """The score's derived items by measure, told apart by their statements."""
    keys = dict(
        score.domain.indicators.filter(kind="derived").values_list("statement", "derived_key")
    )
    return {keys[item["statement"]]: item for item in score.evidence if item["kind"] == "derived"}


def test_demo_connected_scores_of_the_completed_cohort_count_every_derived_measure(demo):
    end = Wave.objects.get(cohort__status=Cohort.Status.COMPLETED, kind=Wave.Kind.END)
    scores = list(Score.objects.filter(wave=end, domain__key="connected").select_related("domain"))
    items = [derived_of(score) for score in scores]

    assert len(scores) == 21  # 24 fellows, 3 did not answer the end wave
    for key in DERIVED:
        assert all(found[key]["counts"] for found in items), key
    mentors = [found["mentors_met"]["raw"] for found in items]
    assert statistics.median(mentors) >= 2
    assert max(mentors) >= 4
    assert statistics.median(found["learning_set_attendance"]["raw"] for found in items) >= 75
    someone = next(found["mentors_met"] for found in items if found["mentors_met"]["raw"])
    assert len(someone["records"]) >= someone["raw"]


def test_demo_suggests_fellow_mentors_from_goals_and_project_not_ones_already_booked(client, demo):
    fellow = User.objects.get(email="fellow@example.org")
    client.force_login(fellow)

    response = client.get(reverse("mentoring:directory"))

    suggestions = response.context["suggestions"]
    reasons = " ".join(suggestion.reason for suggestion in suggestions)
    booked = set(
        Booking.objects.filter(fellow=fellow, status__in=Booking.ACTIVE).values_list(
            "slot__mentor_id", flat=True
        )
    )
    assert len(suggestions) == 3
    assert "Matches your goals: Business cases" in reasons
    assert "Matches your project: Clinical safety" in reasons
    assert not booked & {suggestion.profile.user_id for suggestion in suggestions}
