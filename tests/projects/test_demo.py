import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Cohort
from projects.models import (
    Comment,
    ImpactStatement,
    ProgressEntry,
    ProgressEntryRevision,
    Project,
    ShowcasePlace,
    ShowcaseSchedule,
)
from projects.selectors import board as selectors
from projects.selectors.showcase import slot_times

pytestmark = pytest.mark.django_db


def test_demo_gives_every_fellow_a_year_of_progress_and_loads_twice_the_same(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    counts = [m.objects.count() for m in (Project, ProgressEntry, Comment, ImpactStatement)]
    call_command("seed_demo", verbosity=0)

    assert [m.objects.count() for m in (Project, ProgressEntry, Comment, ImpactStatement)] == (
        counts
    )
    assert counts[0] == 48
    running = Cohort.objects.get(status=Cohort.Status.RUNNING)
    completed = Cohort.objects.get(status=Cohort.Status.COMPLETED)
    board = list(selectors.board(running, today=timezone.localdate()))
    assert sum(p.is_red_twice for p in board) >= 2
    assert sum(p.is_quiet for p in board) >= 3
    assert sum(p.overdue_milestones > 0 for p in board) >= 3
    assert {p.latest_rag for p in board} == {"green", "amber", "red"}
    year = ProgressEntry.objects.filter(
        project__cohort=completed, project__fellow__email__startswith="fellow."
    )
    assert year.count() >= 24 * 22  # about fortnightly for a year
    assert ShowcasePlace.objects.filter(cohort=completed).count() == 16
    schedule = ShowcaseSchedule.objects.get(cohort=completed)  # 16 slots inside 14:00-18:00
    assert slot_times(schedule.starts_at, schedule.slot_minutes, 15)[1] <= datetime.time(18, 0)
    assert set(ImpactStatement.objects.values_list("kind", flat=True)) == {"showcase", "follow_up"}
    # fellow@example.org has unread comments and an entry they can still change.
    project = Project.objects.get(fellow__email="fellow@example.org")
    latest = project.entries.first()
    assert Comment.objects.filter(entry__project=project, read_at__isnull=True).count() == 2
    assert latest.is_editable()
    assert latest.happened_on == timezone.localdate() - datetime.timedelta(days=2)
    assert ProgressEntryRevision.objects.filter(entry=latest).count() == 1
