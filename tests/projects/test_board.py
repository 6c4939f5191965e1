import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.factories import make_fellow
from projects.factories import MilestoneFactory, ProgressEntryFactory, ProjectFactory
from projects.models import Project

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def project_with(world, title, rags=(), status=Project.Status.IN_PROGRESS):
    """A project whose entries have these (days ago, rag) pairs."""
    project = ProjectFactory(
        cohort=world.cohort, fellow=make_fellow(world.cohort), title=title, status=status
    )
    for days, rag in rags:
        ProgressEntryFactory(project=project, happened_on=days_ago(days), rag=rag)
    return project


@pytest.fixture
def cohort_projects(world):
    on_track = project_with(world, "On track", [(10, "green")])
    red_twice = project_with(world, "Red twice", [(20, "red"), (5, "red")])
    recovering = project_with(world, "Recovering", [(20, "red"), (12, "red"), (5, "amber")])
    quiet = project_with(world, "Gone quiet", [(30, "green")])
    paused = project_with(world, "Paused", [(40, "amber")], status=Project.Status.PAUSED)
    new = project_with(world, "Just started")
    never = project_with(world, "Never logged")
    Project.objects.filter(pk=never.pk).update(created=timezone.now() - datetime.timedelta(days=30))
    MilestoneFactory(project=on_track, due_on=days_ago(1))
    MilestoneFactory(project=on_track, due_on=days_ago(3))
    MilestoneFactory(project=on_track, due_on=days_ago(3), done_on=days_ago(2))
    MilestoneFactory(project=on_track, due_on=days_ago(-1))
    return {p.title: p for p in [on_track, red_twice, recovering, quiet, paused, new, never]}


def board(client, world, query=""):
    client.force_login(world.adviser)
    return client.get(reverse("projects:board", args=[world.cohort.pk]) + query)


def test_board_shows_latest_rag_last_entry_overdue_milestones_and_flags(
    client, world, cohort_projects
):
    response = board(client, world)

    rows = {
        p.title: (p.latest_rag, p.last_entry_on, p.overdue_milestones, p.is_quiet, p.is_red_twice)
        for p in response.context["projects"]
    }
    assert rows == {
        "On track": ("green", days_ago(10), 2, False, False),
        "Red twice": ("red", days_ago(5), 0, False, True),
        "Recovering": ("amber", days_ago(5), 0, False, False),
        "Gone quiet": ("green", days_ago(30), 0, True, False),
        "Paused": ("amber", days_ago(40), 0, False, False),
        "Just started": (None, None, 0, False, False),
        "Never logged": (None, None, 0, True, False),
    }
    assert "Red twice in a row" in response.text
    assert "No entry in 21 days" in response.text


def test_board_sorts_by_the_column_in_the_query_string(client, world, cohort_projects):
    worst_first = board(client, world, "?sort=-rag")
    stalest_first = board(client, world, "?sort=last_entry")

    assert [p.latest_rag for p in worst_first.context["projects"]] == [
        "red",
        "amber",
        "amber",
        "green",
        "green",
        None,
        None,
    ]
    assert [p.last_entry_on for p in stalest_first.context["projects"]] == [
        None,
        None,
        days_ago(40),
        days_ago(30),
        days_ago(10),
        days_ago(5),
        days_ago(5),
    ]
    assert 'aria-sort="ascending"' in stalest_first.text


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("?flag=red_twice", {"Red twice"}),
        ("?flag=quiet", {"Gone quiet", "Never logged"}),
        ("?flag=attention", {"Red twice", "Gone quiet", "Never logged"}),
        ("?flag=overdue", {"On track"}),
        ("?rag=none", {"Just started", "Never logged"}),
        ("?rag=amber&status=paused", {"Paused"}),
    ],
)
def test_board_filters_by_the_query_string(client, world, cohort_projects, query, titles):
    response = board(client, world, query)

    assert {p.title for p in response.context["projects"]} == titles


def test_board_ignores_values_it_does_not_know(client, world, cohort_projects):
    response = board(client, world, "?sort=-password&rag=purple&flag=%00&status=")

    assert response.status_code == 200
    assert len(response.context["projects"]) == 7
    assert "Select a valid choice" in response.text


def test_board_lists_fellows_who_have_not_set_up_a_project(client, world, cohort_projects):
    response = board(client, world)

    names = [m.user.name for m in response.context["without_project"]]
    assert names == sorted([world.owner.name, world.fellow.name])


def read_csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_export_streams_the_filtered_board(client, world, cohort_projects):
    client.force_login(world.adviser)

    response = client.get(reverse("projects:board_csv", args=[world.cohort.pk]) + "?flag=red_twice")

    rows = read_csv(response)
    project = cohort_projects["Red twice"]
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="project-board-')
    assert rows[0][:4] == ["Fellow", "Email", "Organisation", "Project"]
    assert rows[1:] == [
        [
            project.fellow.name,
            project.fellow.email,
            project.organisation,
            "Red twice",
            "In progress",
            "Red",
            days_ago(5).isoformat(),
            "0",
            "No",
            "Yes",
        ]
    ]


def test_csv_export_defuses_spreadsheet_formulas(client, world):
    project_with(world, '=HYPERLINK("http://evil.example","Click")')
    client.force_login(world.adviser)

    rows = read_csv(client.get(reverse("projects:board_csv", args=[world.cohort.pk])))

    assert rows[1][3] == '\'=HYPERLINK("http://evil.example","Click")'
