"""Every projects list and page runs the same number of queries at 3 and at 60 projects."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.factories import make_fellow
from cohorts.models import LearningSet, LearningSetMember
from projects.factories import ImpactStatementFactory, ProjectFactory
from projects.models import (
    Comment,
    EvidenceLink,
    Milestone,
    ProgressEntry,
    Project,
    ShowcasePlace,
)

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def grow(world, count: int, entries_each: int = 2) -> list[Project]:
    """`count` more projects in the cohort, each with entries, a comment, a link, milestones."""
    projects = [
        ProjectFactory(cohort=world.cohort, fellow=make_fellow(world.cohort)) for _ in range(count)
    ]
    fill(world, projects, entries_each)
    return projects


def fill(world, projects, entries_each: int) -> None:
    entries = ProgressEntry.objects.bulk_create(
        ProgressEntry(
            project=project,
            author=project.fellow,
            happened_on=days_ago(3 * n),
            what_happened="Another fortnight on the pilot.",
            rag=["green", "amber", "red"][n % 3],
        )
        for project in projects
        for n in range(entries_each)
    )
    Comment.objects.bulk_create(
        Comment(entry=entry, author=world.adviser, body="Noted.") for entry in entries
    )
    EvidenceLink.objects.bulk_create(
        EvidenceLink(entry=entry, url="https://example.nhs.uk/e") for entry in entries
    )
    Milestone.objects.bulk_create(
        Milestone(project=project, title="Pilot live", due_on=days_ago(n - 2))
        for project in projects
        for n in range(4)
    )


@pytest.mark.parametrize("name", ["projects:board", "projects:board_csv"])
def test_board_queries_do_not_grow_from_3_to_60_projects(
    client, world, name, django_assert_max_num_queries, django_assert_num_queries
):
    url = reverse(name, args=[world.cohort.pk])
    client.force_login(world.adviser)
    grow(world, 3)
    # Session, user, roles, cohort, projects; the page adds fellows without a project.
    with django_assert_max_num_queries(7) as small:
        response = client.get(url)
        b"".join(response.streaming_content) if response.streaming else response.content

    grow(world, 57)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content

    assert body.count(b"Virtual ward roll-out") == 60


def test_project_page_queries_do_not_grow_from_3_to_60_projects_or_entries(
    client, world, project, django_assert_max_num_queries, django_assert_num_queries
):
    url = reverse("projects:detail", args=[project.pk])
    client.force_login(world.adviser)
    grow(world, 2)
    fill(world, [project], 3)
    with django_assert_max_num_queries(14) as small:
        client.get(url)

    grow(world, 57)
    fill(world, [project], 57)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)

    # the trend shows the latest 40 entries and counts all 60; the timeline 10 a page
    assert len(response.context["trend"].points) == 40
    assert sum(response.context["trend"].counts.values()) == 60
    assert "The latest 40 of 60 entries" in response.text
    assert response.text.count("Noted.") == 10
    assert "Entries 1 to 10 of 60, newest first." in response.text
    with django_assert_num_queries(len(small.captured_queries) + 1):  # the page before's end
        response = client.get(url + "?page=6")
    assert "Entries 51 to 60 of 60, newest first." in response.text


def presenting(world, projects) -> None:
    """Each project presents at the showcase with both impact statements; all in one set."""
    start = ShowcasePlace.objects.filter(cohort=world.cohort).count()
    learning_set, _ = LearningSet.objects.get_or_create(
        cohort=world.cohort, name="Fleet", defaults={"facilitator": world.facilitator}
    )
    for offset, project in enumerate(projects, start=start + 1):
        ShowcasePlace.objects.create(cohort=world.cohort, project=project, position=offset)
        ImpactStatementFactory(project=project)
        ImpactStatementFactory(project=project, kind="follow_up")
        LearningSetMember.objects.create(
            learning_set=learning_set, cohort=world.cohort, fellow=project.fellow
        )


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("projects:gallery", "fellow"),
        ("projects:showcase", "adviser"),
        ("projects:showcase", "fellow"),
        ("projects:showcase_print", "adviser"),
        ("projects:showcase_order", "adviser"),
        ("projects:set_projects", "facilitator"),
        ("projects:cohorts", "adviser"),
    ],
)
def test_cohort_pages_queries_do_not_grow_from_3_to_60_projects(
    client, world, name, role, django_assert_max_num_queries, django_assert_num_queries
):
    presenting(world, grow(world, 3, entries_each=0))
    learning_set = LearningSet.objects.get(name="Fleet")
    args = {
        "projects:set_projects": [learning_set.pk],
        "projects:cohorts": [],
    }.get(name, [world.cohort.pk])
    url = reverse(name, args=args)
    client.force_login(getattr(world, role))
    with django_assert_max_num_queries(8) as small:
        assert client.get(url).status_code == 200

    presenting(world, grow(world, 57, entries_each=0))
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)

    if name != "projects:cohorts":
        assert response.text.count("Virtual ward roll-out") >= 60
