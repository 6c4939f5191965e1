"""The demo across apps: evaluation scores read the mentoring and attendance records the
other apps' demo data made, and mentor suggestions read intake goals and project themes."""

import datetime
import statistics

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import Cohort, User
from cohorts.models import Session
from evaluation.models import Score, Wave
from mentoring.models import Booking
from projects.models import Comment, ProgressEntry, Rag
from seeding.demo.accounts import DEMO_PASSWORD
from seeding.demo.bank_holidays import BANK_HOLIDAYS, YEARS
from seeding.demo.projects.progress import COMMENTS_BY_RAG, RED_TWICE_COMMENT

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


def test_demo_comments_are_worded_for_their_entrys_rag(demo):
    rag_of_wording = {body: rag for rag, bodies in COMMENTS_BY_RAG.items() for body in bodies}
    comments = list(Comment.objects.select_related("entry"))

    assert comments
    for comment in comments:
        entry = comment.entry
        if comment.body == RED_TWICE_COMMENT:
            previous = (
                ProgressEntry.objects.filter(project=entry.project_id)
                .filter(happened_on__lt=entry.happened_on)
                .order_by("-happened_on", "-created")
                .first()
            )
            assert (entry.rag, previous.rag) == (Rag.RED, Rag.RED), comment.pk
        elif comment.body in rag_of_wording:
            assert entry.rag == rag_of_wording[comment.body], comment.pk


def test_demo_puts_no_session_on_a_weekend_or_bank_holiday():
    # On this date the running cohort's fourth learning-set meetings fall at Christmas.
    with time_machine.travel(datetime.datetime(2026, 12, 4, 12, tzinfo=datetime.UTC)):
        call_command("seed_demo", force=True, verbosity=0)
    days = [
        timezone.localtime(starts_at).date()
        for starts_at in Session.objects.values_list("starts_at", flat=True)
    ]

    assert Session.objects.filter(kind=Session.Kind.LEARNING_SET_MEETING).count() > 20
    assert {day.year for day in days} <= YEARS
    assert [day for day in days if day in BANK_HOLIDAYS or day.weekday() >= 5] == []


def test_demo_years_are_in_the_bank_holiday_table(demo):
    years = {
        timezone.localtime(starts_at).year
        for starts_at in Session.objects.values_list("starts_at", flat=True)
    }

    assert years <= YEARS, "add the bank holidays of these years to seeding/demo/bank_holidays.py"


def test_demo_superuser_opens_the_admin(client, demo):
    admin = User.objects.get(email="admin@example.org")
    client.force_login(admin)

    response = client.get("/admin/")

    assert (admin.is_staff, admin.is_superuser) == (True, True)
    assert admin.check_password(DEMO_PASSWORD)
    assert response.status_code == 200
    assert "admin@example.org" in (settings.BASE_DIR / "README.md").read_text()
