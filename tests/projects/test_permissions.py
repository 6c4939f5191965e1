"""PRODUCT.md's permission matrix for every projects page, role by role, GET and POST.

The owner's project is tested; "fellow" is another fellow of the same cohort
trying the owner's ids (IDOR). The owner is in the facilitator's learning set,
so the facilitator may know the project exists but not open it.
"""

import pytest
from django.urls import reverse

from accounts.factories import make_facilitator
from cohorts.models import LearningSet
from projects.factories import MilestoneFactory
from tests.matrix import LOGIN, WRONG_METHOD, assert_matrix, expect, outcomes
from tests.projects.data import IMPACT, entry_data, project_data

pytestmark = pytest.mark.django_db


# The owner's project: advisers read, peers and the set's facilitator see only the card.
OWNER_ONLY = {"adviser": 403, "fellow": 403, "facilitator": 403}


def test_project_page_matrix(world, project):
    url = reverse("projects:detail", args=[project.pk])

    assert_matrix(world, url, outcomes(adviser=200, owner=200, fellow=403, facilitator=403))
    assert_matrix(world, url, WRONG_METHOD, method="post")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("projects:edit", project_data()),
        ("projects:entry_add", entry_data()),
        ("projects:milestone_add", {"title": "Pilot live", "due_on": "2030-01-31"}),
    ],
)
def test_owner_only_project_forms_matrix(world, project, name, data):
    url = reverse(name, args=[project.pk])

    assert_matrix(world, url, outcomes(owner=200, **OWNER_ONLY))
    assert_matrix(world, url, outcomes(owner=302, **OWNER_ONLY), method="post", data=data)


def test_impact_statement_matrix(world, project):
    url = reverse("projects:impact_edit", args=[project.pk, "showcase"])

    assert_matrix(world, url, outcomes(owner=200, **OWNER_ONLY))
    assert_matrix(world, url, outcomes(owner=302, **OWNER_ONLY), method="post", data=IMPACT)


def test_entry_page_matrix(world, entry):
    url = reverse("projects:entry", args=[entry.pk])

    assert_matrix(world, url, outcomes(adviser=200, owner=200))


def test_entry_edit_matrix(world, entry):
    url = reverse("projects:entry_edit", args=[entry.pk])

    assert_matrix(world, url, outcomes(adviser=403, owner=200))
    assert_matrix(
        world,
        url,
        outcomes(adviser=403, owner=302),
        method="post",
        data=entry_data(),
    )


def test_comment_matrix(world, entry):
    url = reverse("projects:comment_add", args=[entry.pk])

    assert_matrix(world, url, WRONG_METHOD)
    assert_matrix(
        world,
        url,
        outcomes(adviser=302, owner=403),
        method="post",
        data={"body": "Have you spoken to the CCIO?"},
    )


def test_milestone_matrix(world, project):
    milestone = MilestoneFactory(project=project)
    edit = reverse("projects:milestone_edit", args=[milestone.pk])
    delete = reverse("projects:milestone_delete", args=[milestone.pk])
    data = {"title": "Pilot live", "due_on": "2030-01-31", "done_on": ""}

    assert_matrix(world, edit, outcomes(adviser=403, owner=200))
    assert_matrix(world, edit, outcomes(adviser=403, owner=302), method="post", data=data)
    assert_matrix(world, delete, WRONG_METHOD)
    assert_matrix(world, delete, outcomes(adviser=403, owner=302), method="post")


# Cohort-wide pages: people who know the cohort but may not use the page get 403.
COHORT_MEMBERS_REFUSED = {"owner": 403, "fellow": 403, "mentor": 403, "facilitator": 403}


@pytest.mark.parametrize("name", ["projects:board", "projects:board_csv"])
def test_board_matrix(world, project, name):
    url = reverse(name, args=[world.cohort.pk])

    assert_matrix(world, url, outcomes(adviser=200, **COHORT_MEMBERS_REFUSED))
    assert_matrix(world, url, WRONG_METHOD, method="post")


@pytest.mark.parametrize("name", ["projects:gallery", "projects:showcase"])
def test_gallery_and_showcase_matrix(world, project, name):
    url = reverse(name, args=[world.cohort.pk])

    assert_matrix(
        world,
        url,
        outcomes(adviser=200, owner=200, fellow=200, mentor=403, facilitator=403),
    )


def test_showcase_print_and_order_matrix(world, project):
    print_url = reverse("projects:showcase_print", args=[world.cohort.pk])
    order_url = reverse("projects:showcase_order", args=[world.cohort.pk])

    assert_matrix(world, print_url, outcomes(adviser=200, **COHORT_MEMBERS_REFUSED))
    assert_matrix(world, order_url, outcomes(adviser=200, **COHORT_MEMBERS_REFUSED))
    assert_matrix(
        world,
        order_url,
        outcomes(adviser=302, **COHORT_MEMBERS_REFUSED),
        method="post",
        data={"starts_at": "10:00", "slot_minutes": "15", f"position_{project.pk}": "1"},
    )


def test_start_project_matrix(world, project):
    url = reverse("projects:start", args=[world.cohort.pk])
    refused = {"adviser": 403, "mentor": 403, "facilitator": 403}

    # The owner already has a project and is sent to it; the other fellow starts one.
    assert_matrix(world, url, outcomes(owner=302, fellow=200, **refused))
    assert_matrix(
        world, url, outcomes(owner=302, fellow=302, **refused), method="post", data=project_data()
    )


def test_learning_set_projects_matrix(world, learning_set):
    # Only the set's own people know the set exists: its member (the owner) is refused
    # the page; a fellow of another set, or a mentor, is told there is no such set.
    url = reverse("projects:set_projects", args=[learning_set.pk])

    assert_matrix(world, url, outcomes(adviser=200, facilitator=200, owner=403))


def test_a_facilitator_of_another_set_in_the_cohort_cannot_see_this_sets_projects(
    client, world, learning_set
):
    other = make_facilitator(world.cohort)
    LearningSet.objects.create(cohort=world.cohort, name="Severn", facilitator=other)
    client.force_login(other)

    set_page = client.get(reverse("projects:set_projects", args=[learning_set.pk]))
    owners_project = client.get(reverse("projects:detail", args=[world.owner.projects.get().pk]))

    assert set_page.status_code == 404
    assert owners_project.status_code == 404


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # Advisers go to their running cohort's board; fellows to their own pages.
        (
            "projects:index",
            {"adviser": 302, "other_adviser": 302, "owner": 302, "fellow": 302},
        ),
        ("projects:cohorts", {"adviser": 200, "other_adviser": 200}),
        ("projects:mine", {"owner": 302, "fellow": 302, "other_cohort_fellow": 302}),
        ("projects:my_gallery", {"owner": 302, "fellow": 302, "other_cohort_fellow": 302}),
    ],
)
def test_navigation_pages_matrix(world, project, name, expected):
    refused = expect(403, anonymous=LOGIN)
    if name == "projects:index":
        expected = expected | {"other_cohort_fellow": 302}

    assert_matrix(world, reverse(name), refused | expected)


def test_facilitator_of_another_set_cannot_know_the_project(client, world, project):
    project.fellow.learning_set_places.all().delete()
    client.force_login(world.facilitator)

    response = client.get(reverse("projects:detail", args=[project.pk]))

    assert response.status_code == 404


def test_deactivated_fellow_loses_their_project_page(client, world, project):
    world.owner.memberships.update(is_active=False)
    client.force_login(world.owner)

    response = client.get(reverse("projects:detail", args=[project.pk]))

    assert response.status_code == 404
