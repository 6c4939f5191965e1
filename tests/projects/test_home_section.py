import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.factories import CommentFactory, MilestoneFactory, ProgressEntryFactory
from projects.models import Project
from projects.selectors.projects import NUDGE_DAYS

pytestmark = pytest.mark.django_db


def test_fellow_home_shows_their_project_at_a_glance(client, world, project):
    ProgressEntryFactory(project=project, rag="red")
    client.force_login(world.owner)

    response = client.get(reverse("home"))

    assert response.context["my_project"] == project
    assert reverse("projects:detail", args=[project.pk]) in response.text
    assert "Add a progress entry" in response.text


def test_fellow_without_a_project_is_invited_to_set_one_up(client, world):
    client.force_login(world.fellow)

    response = client.get(reverse("home"))

    assert response.context["my_project"] is None
    assert "Set up your project" in response.text


def test_facilitator_home_links_to_their_sets_project_summaries(client, world, learning_set):
    client.force_login(world.facilitator)

    response = client.get(reverse("home"))

    assert reverse("projects:set_projects", args=[learning_set.pk]) in response.text


def test_fellow_home_queries_do_not_grow_with_entries_and_comments(
    client, world, project, django_assert_max_num_queries, django_assert_num_queries
):
    client.force_login(world.owner)
    MilestoneFactory(project=project)
    CommentFactory(entry=ProgressEntryFactory(project=project), author=world.adviser)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("home"))

    for _ in range(20):
        CommentFactory(entry=ProgressEntryFactory(project=project), author=world.adviser)
        MilestoneFactory(project=project)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("home"))

    assert len(response.context["unread_comments"]) == 10


@pytest.mark.parametrize(
    ("role", "labels"),
    [
        ("adviser", ["Projects"]),
        ("owner", ["My project", "Project gallery"]),
        ("mentor", []),
        ("facilitator", []),
    ],
)
def test_navigation_offers_each_role_its_project_pages(client, world, role, labels):
    client.force_login(getattr(world, role))

    response = client.get(reverse("home"))

    items = [item.label for item in response.context["nav_items"]]
    project_items = [label for label in items if "roject" in label]
    assert project_items == labels


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def test_quiet_fellow_home_says_how_long_since_their_last_entry(client, world, project):
    ProgressEntryFactory(project=project, happened_on=days_ago(NUDGE_DAYS + 2))
    ProgressEntryFactory(project=project, happened_on=days_ago(40))
    client.force_login(world.owner)

    response = client.get(reverse("home"))

    assert f"Your last entry was {NUDGE_DAYS + 2} days ago." in response.text


def test_fellow_within_the_quiet_threshold_sees_no_notice(client, world, project):
    ProgressEntryFactory(project=project, happened_on=days_ago(NUDGE_DAYS))
    client.force_login(world.owner)

    response = client.get(reverse("home"))

    assert "Your last entry was" not in response.text


def test_quiet_fellow_with_no_entries_is_told_they_have_logged_nothing(client, world, project):
    Project.objects.filter(pk=project.pk).update(
        created=timezone.now() - datetime.timedelta(days=NUDGE_DAYS + 5)
    )
    client.force_login(world.owner)

    response = client.get(reverse("home"))

    assert "You have not logged any progress yet." in response.text
    assert "Your last entry was" not in response.text


def test_new_project_without_entries_is_not_called_quiet(client, world, project):
    client.force_login(world.owner)

    response = client.get(reverse("home"))

    assert "You have not logged any progress yet." not in response.text


def test_completed_project_is_not_called_quiet(client, world, project):
    project.status = Project.Status.COMPLETED
    project.save()
    ProgressEntryFactory(project=project, happened_on=days_ago(60))
    client.force_login(world.owner)

    response = client.get(reverse("home"))

    assert "Your last entry was" not in response.text
