import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.factories import MilestoneFactory
from projects.models import Milestone

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def test_fellow_adds_a_milestone(client, world, project):
    client.force_login(world.owner)

    response = client.post(
        reverse("projects:milestone_add", args=[project.pk]),
        {"title": "Pilot live on two wards", "due_on": "2030-03-31"},
    )

    milestone = Milestone.objects.get()
    assert response["Location"] == reverse("projects:detail", args=[project.pk])
    assert (milestone.title, milestone.due_on, milestone.done_on) == (
        "Pilot live on two wards",
        datetime.date(2030, 3, 31),
        None,
    )


def test_milestone_without_title_or_due_date_is_refused(client, world, project):
    client.force_login(world.owner)

    response = client.post(
        reverse("projects:milestone_add", args=[project.pk]), {"title": "", "due_on": ""}
    )

    assert response.context["form"].errors == {
        "title": ["Enter the milestone"],
        "due_on": ["Enter the due date"],
    }
    assert not Milestone.objects.exists()


def test_fellow_marks_a_milestone_done(client, world, project):
    milestone = MilestoneFactory(project=project, due_on=TODAY() - datetime.timedelta(days=3))
    client.force_login(world.owner)

    client.post(
        reverse("projects:milestone_edit", args=[milestone.pk]),
        {"title": milestone.title, "due_on": milestone.due_on, "done_on": TODAY().isoformat()},
    )

    milestone.refresh_from_db()
    assert milestone.done_on == TODAY()
    assert not milestone.is_overdue


def test_milestone_done_in_the_future_is_refused(client, world, project):
    milestone = MilestoneFactory(project=project)
    tomorrow = TODAY() + datetime.timedelta(days=1)
    client.force_login(world.owner)

    response = client.post(
        reverse("projects:milestone_edit", args=[milestone.pk]),
        {"title": milestone.title, "due_on": milestone.due_on, "done_on": tomorrow.isoformat()},
    )

    milestone.refresh_from_db()
    assert response.context["form"].errors == {"done_on": ["The date done cannot be in the future"]}
    assert milestone.done_on is None


def test_a_milestone_due_at_the_end_of_the_calendar_is_refused(client, world, project):
    client.force_login(world.owner)

    response = client.post(
        reverse("projects:milestone_add", args=[project.pk]),
        {"title": "Go live", "due_on": "9999-12-31"},
    )

    latest = (TODAY() + datetime.timedelta(days=3650)).strftime("%-d %B %Y")
    assert response.context["form"].errors == {"due_on": [f"Enter a date on or before {latest}"]}
    assert not Milestone.objects.exists()


def test_fellow_removes_a_milestone(client, world, project):
    milestone = MilestoneFactory(project=project)
    client.force_login(world.owner)

    response = client.post(reverse("projects:milestone_delete", args=[milestone.pk]))

    assert response["Location"] == reverse("projects:detail", args=[project.pk])
    assert not Milestone.objects.exists()


def test_a_milestone_is_one_line(client, world, project):
    client.force_login(world.owner)

    response = client.post(
        reverse("projects:milestone_add", args=[project.pk]),
        {"title": "Pilot live\ton two wards", "due_on": "2030-03-31"},
    )

    assert "Use letters, numbers and punctuation only, on one line" in response.text
    assert not Milestone.objects.exists()
