"""The header marks the section the page is in: the nav item whose URL is the longest
prefix of the path, or which names the page's view; Home only on the home page."""

import pytest
from django.urls import reverse

from projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def current(client, user, url) -> list[str]:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return [item.label for item in response.context["nav_items"] if item.current]


def test_my_project_is_current_on_the_fellows_project_pages(client, world):
    project = ProjectFactory(cohort=world.cohort, fellow=world.owner)
    client.force_login(world.owner)

    response = client.get(reverse("projects:mine"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("projects:detail", args=[project.pk])
    assert [item.label for item in response.context["nav_items"] if item.current] == ["My project"]
    assert response.text.count("aria-current") == 1
    assert 'href="/projects/mine/" aria-current="true">My project</a>' in response.text
    assert current(client, world.owner, reverse("projects:entry_add", args=[project.pk])) == [
        "My project"
    ]


@pytest.mark.parametrize(
    ("role", "page", "label"),
    [
        ("owner", lambda w: reverse("projects:gallery", args=[w.cohort.pk]), "Project gallery"),
        ("owner", lambda w: reverse("cohorts:my_timetable"), "Timetable"),
        ("adviser", lambda w: reverse("projects:board", args=[w.cohort.pk]), "Projects"),
        ("adviser", lambda w: reverse("cohorts:timetable", args=[w.cohort.pk]), "Cohorts"),
        ("adviser", lambda w: reverse("cohorts:my_timetable"), "Timetable"),
        ("mentor", lambda w: reverse("account_email"), "Your account"),
    ],
)
def test_the_section_of_a_page_is_current(client, world, role, page, label):
    assert current(client, getattr(world, role), page(world)) == [label]


def test_home_is_current_on_the_home_page_only(client, world):
    assert current(client, world.owner, reverse("home")) == ["Home"]
    assert "Home" not in current(client, world.owner, reverse("account_email"))
