import datetime
import os
import smtplib
import threading
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from accounts.factories import CohortFactory, MembershipFactory
from accounts.models import Cohort, Role
from fellowship.celery import app
from projects import tasks
from projects.factories import ProgressEntryFactory, ProjectFactory
from projects.models import Project

pytestmark = pytest.mark.django_db


def logged(project, days_ago: int) -> None:
    ProgressEntryFactory(
        project=project, happened_on=timezone.localdate() - datetime.timedelta(days=days_ago)
    )


def run_nudges(capture) -> int:
    with capture(execute=True):
        return tasks.nudge_quiet_fellows()


def test_fellow_quiet_for_a_fortnight_is_nudged_once_however_often_it_runs(
    world, project, django_capture_on_commit_callbacks
):
    logged(project, 14)

    first = run_nudges(django_capture_on_commit_callbacks)
    second = run_nudges(django_capture_on_commit_callbacks)
    tasks.send_nudge(project.pk)  # the per-fellow task retried

    assert (first, second) == (1, 0)
    assert [message.to for message in mail.outbox] == [[world.owner.email]]
    assert mail.outbox[0].subject == f"How is {project.title} going?"
    assert "for 14 days" in mail.outbox[0].body
    assert f"/projects/{project.pk}/entries/new/" in mail.outbox[0].body
    project.refresh_from_db()
    assert project.last_nudged_at is not None


def test_fellow_who_logged_this_fortnight_is_left_alone(
    project, django_capture_on_commit_callbacks
):
    logged(project, 30)
    logged(project, 13)

    assert run_nudges(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_a_still_quiet_fellow_is_nudged_again_only_after_another_fortnight(
    project, django_capture_on_commit_callbacks
):
    logged(project, 20)
    run_nudges(django_capture_on_commit_callbacks)
    start = timezone.now()

    with time_machine.travel(start + datetime.timedelta(days=13)):
        too_soon = run_nudges(django_capture_on_commit_callbacks)
    with time_machine.travel(start + datetime.timedelta(days=14, minutes=1)):
        due = run_nudges(django_capture_on_commit_callbacks)

    assert (too_soon, due) == (0, 1)
    assert len(mail.outbox) == 2


def test_project_with_no_entries_counts_from_the_day_it_was_set_up(
    project, django_capture_on_commit_callbacks
):
    fresh = run_nudges(django_capture_on_commit_callbacks)
    Project.objects.filter(pk=project.pk).update(
        created=timezone.now() - datetime.timedelta(days=15)
    )

    assert (fresh, run_nudges(django_capture_on_commit_callbacks)) == (0, 1)


@pytest.mark.parametrize(
    "situation", ["cohort completed", "project paused", "fellow left", "project completed"]
)
def test_no_nudge_for_a_project_that_is_not_running(
    world, project, situation, django_capture_on_commit_callbacks
):
    logged(project, 30)
    if situation == "cohort completed":
        Cohort.objects.filter(pk=world.cohort.pk).update(status=Cohort.Status.COMPLETED)
    elif situation == "fellow left":
        world.owner.memberships.update(is_active=False)
    else:
        status = situation.split()[1]
        Project.objects.filter(pk=project.pk).update(status=status)

    assert run_nudges(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


@pytest.fixture
def second_project(world, project):
    """The owner is also a fellow of a second running cohort, with a project there."""
    cohort = CohortFactory(programme=world.programme, name="Cohort 3")
    MembershipFactory(user=world.owner, cohort=cohort, role=Role.FELLOW)
    return ProjectFactory(cohort=cohort, fellow=world.owner, title="Owner's second project")


def test_a_fellow_with_two_quiet_projects_gets_one_nudge_a_fortnight(
    world, project, second_project, django_capture_on_commit_callbacks
):
    logged(project, 20)
    logged(second_project, 30)
    start = timezone.now()

    first = run_nudges(django_capture_on_commit_callbacks)
    tasks.send_nudge(project.pk)  # a task about the other project, left over from before
    with time_machine.travel(start + datetime.timedelta(days=13)):
        too_soon = run_nudges(django_capture_on_commit_callbacks)
    with time_machine.travel(start + datetime.timedelta(days=14, minutes=1)):
        due = run_nudges(django_capture_on_commit_callbacks)

    assert (first, too_soon, due) == (1, 0, 1)
    # Each time about the project quiet longest.
    assert [m.subject for m in mail.outbox] == [f"How is {second_project.title} going?"] * 2
    assert [m.to for m in mail.outbox] == [[world.owner.email]] * 2


def test_a_send_that_fails_gives_the_claim_back_for_the_retry(project):
    logged(project, 20)

    # The SMTP server is outside the system: make it refuse.
    with (
        mock.patch(
            "django.core.mail.EmailMultiAlternatives.send",
            side_effect=smtplib.SMTPServerDisconnected("gone"),
        ),
        pytest.raises(smtplib.SMTPServerDisconnected),
    ):
        tasks.send_nudge(project.pk)
    project.refresh_from_db()
    stamp_after_failure = project.last_nudged_at
    tasks.send_nudge(project.pk)

    assert stamp_after_failure is None
    assert len(mail.outbox) == 1


def test_nudges_and_the_comment_sweep_are_on_the_beat_schedule():
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert {
        "projects.tasks.nudge_quiet_fellows",
        "projects.tasks.sweep_unsent_comment_emails",
    } <= schedule
    assert schedule <= set(app.tasks)


@pytest.mark.django_db(transaction=True)
def test_two_workers_nudging_at_once_send_one_email(world):
    if connection.vendor != "postgresql":
        if os.environ.get("CI"):
            pytest.fail("This concurrency test needs PostgreSQL in CI")
        pytest.skip("Needs PostgreSQL: SQLite cannot run two writers at once")
    project = ProjectFactory(cohort=world.cohort, fellow=world.owner)
    logged(project, 20)
    barrier = threading.Barrier(4)

    def worker():
        try:
            barrier.wait()
            tasks.send_nudge(project.pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [message.to for message in mail.outbox] == [[world.owner.email]]


@pytest.mark.django_db(transaction=True)
def test_two_workers_nudging_one_fellow_about_two_projects_at_once_send_one_email(world):
    if connection.vendor != "postgresql":
        if os.environ.get("CI"):
            pytest.fail("This concurrency test needs PostgreSQL in CI")
        pytest.skip("Needs PostgreSQL: SQLite cannot run two writers at once")
    other = CohortFactory(programme=world.programme, name="Cohort 3")
    MembershipFactory(user=world.owner, cohort=other, role=Role.FELLOW)
    projects = [
        ProjectFactory(cohort=world.cohort, fellow=world.owner),
        ProjectFactory(cohort=other, fellow=world.owner),
    ]
    for quiet in projects:
        logged(quiet, 20)
    barrier = threading.Barrier(4)

    def worker(project_id):
        try:
            barrier.wait()
            tasks.send_nudge(project_id)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=[p.pk]) for p in projects * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [message.to for message in mail.outbox] == [[world.owner.email]]
