import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Cohort
from cohorts.models import Attendance, DevelopmentGoal, IntakeInterview, Session, Theme
from cohorts.selectors.attendance import fellow_attendance
from cohorts.selectors.interviews import cohort_wants

pytestmark = pytest.mark.django_db


def counts() -> list[int]:
    return [
        model.objects.count()
        for model in (Theme, Session, Attendance, IntakeInterview, DevelopmentGoal)
    ]


def test_demo_gives_every_cohort_page_something_real_and_runs_twice_unchanged():
    call_command("seed_demo", force=True, verbosity=0)
    first = counts()
    call_command("seed_demo", force=True, verbosity=0)

    running = Cohort.objects.get(status=Cohort.Status.RUNNING)
    sessions = running.sessions.all()
    now = timezone.now()
    wants = cohort_wants(running)
    rates = [
        row.present / (row.present + row.apologies + row.absent)
        for row in fellow_attendance(running)
    ]
    assert counts() == first
    assert sessions.filter(kind=Session.Kind.TEACHING_DAY).count() == 7
    assert sessions.filter(kind=Session.Kind.SHOWCASE).count() == 1
    assert sessions.filter(ends_at__lt=now).exists()
    assert sessions.filter(starts_at__gt=now).exists()
    assert len(wants.not_interviewed) == 4
    assert len(wants.themes) == 10
    assert any(rate < 0.75 for rate in rates)  # someone to flag
    assert sorted(rates)[len(rates) // 2] >= 0.75  # but most come
