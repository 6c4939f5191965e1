"""Many-to-many edits (a project's themes, a mentor's expertise, a user's groups) leave one
event each, with the set before and after, whether made on Pioneer's pages or in the admin."""

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse

from accounts.factories import UserFactory
from audit.models import Action, Event
from cohorts.factories import ThemeFactory
from mentoring.factories import make_mentor_profile
from projects.models import Project
from tests.projects.data import project_data

pytestmark = pytest.mark.django_db


def m2m_events(obj, field) -> list[Event]:
    found = Event.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk), action=Action.UPDATE
    ).order_by("pk")
    return [event for event in found if field in event.changes]


def test_a_fellow_changing_their_projects_themes_leaves_one_event_per_save(
    client, world, django_capture_on_commit_callbacks
):
    data = ThemeFactory(programme=world.programme, name="Data and analytics")
    safety = ThemeFactory(programme=world.programme, name="Clinical safety")
    elsewhere = ThemeFactory(programme=world.other_programme, name="Procurement")
    client.force_login(world.fellow)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("projects:start", args=[world.cohort.pk]), project_data(themes=[data.pk])
        )
    project = Project.objects.get(fellow=world.fellow)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("projects:edit", args=[project.pk]), project_data(themes=[elsewhere.pk])
        )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("projects:edit", args=[project.pk]),
            project_data(themes=[safety.pk]),
            REMOTE_ADDR="10.9.8.7",
        )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("projects:edit", args=[project.pk]), project_data(themes=[safety.pk]))

    # Made with data, refused (another programme's theme), swapped, then saved unchanged.
    created, swapped = m2m_events(project, "themes")
    assert created.changes == {"themes": [[], ["Data and analytics"]]}
    assert swapped.changes == {"themes": [["Data and analytics"], ["Clinical safety"]]}
    assert (swapped.actor, swapped.ip, swapped.programme_id) == (
        world.fellow,
        "10.9.8.7",
        world.programme.pk,
    )
    assert swapped.path == f"/projects/{project.pk}/edit/"
    assert set(swapped.subjects.values_list("person", flat=True)) == {world.fellow.pk}
    assert "Themes: Data and analytics to Clinical safety" in swapped.change_lines


def test_a_mentor_editing_their_expertise_is_recorded(
    client, world, django_capture_on_commit_callbacks
):
    data = ThemeFactory(programme=world.programme, name="Data and analytics")
    safety = ThemeFactory(programme=world.programme, name="Clinical safety")
    profile = make_mentor_profile(world.programme, expertise=[data])
    client.force_login(profile.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("mentoring:profile_edit", args=[world.programme.pk]),
            {
                "job_title": profile.job_title,
                "organisation": profile.organisation,
                "bio": "",
                "expertise": [data.pk, safety.pk],
                "monthly_limit": profile.monthly_limit,
            },
        )

    assert response.status_code == 302
    [event] = m2m_events(profile, "expertise")
    assert event.changes["expertise"] == [
        ["Data and analytics"],
        ["Data and analytics", "Clinical safety"],
    ]
    assert event.actor == profile.user
    assert set(event.subjects.values_list("person", flat=True)) == {profile.user.pk}


def test_expertise_removed_in_the_admin_is_recorded(
    client, world, django_capture_on_commit_callbacks
):
    data = ThemeFactory(programme=world.programme, name="Data and analytics")
    safety = ThemeFactory(programme=world.programme, name="Clinical safety")
    profile = make_mentor_profile(world.programme, expertise=[data, safety])
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:mentoring_mentorprofile_change", args=[profile.pk]),
            {
                "user": profile.user_id,
                "programme": profile.programme_id,
                "expertise": [safety.pk],
                "organisation": profile.organisation,
                "job_title": profile.job_title,
                "bio": profile.bio,
                "monthly_limit": profile.monthly_limit,
            },
        )

    assert response.status_code == 302
    [event] = m2m_events(profile, "expertise")
    assert event.changes == {
        "expertise": [["Data and analytics", "Clinical safety"], ["Clinical safety"]]
    }
    assert event.actor == admin
    assert event.path == f"/admin/mentoring/mentorprofile/{profile.pk}/change/"


def test_groups_given_to_a_user_by_a_script_are_recorded_by_name(
    world, django_capture_on_commit_callbacks
):
    group = Group.objects.create(name="Helpdesk")

    with django_capture_on_commit_callbacks(execute=True):
        world.fellow.groups.add(group)
    with django_capture_on_commit_callbacks(execute=True):
        world.fellow.groups.remove(group)

    added, removed = m2m_events(world.fellow, "groups")
    assert added.changes == {"groups": [[], ["Helpdesk"]]}
    assert removed.changes == {"groups": [["Helpdesk"], []]}
    assert (added.actor, added.actor_label) == (None, "system")


def test_a_rolled_back_edit_records_nothing_and_leaves_later_edits_recorded(
    world, django_capture_on_commit_callbacks
):
    data = ThemeFactory(programme=world.programme, name="Data and analytics")
    profile = make_mentor_profile(world.programme)

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                profile.expertise.add(data)
                raise RuntimeError
        except RuntimeError:
            pass
    assert m2m_events(profile, "expertise") == []
    with django_capture_on_commit_callbacks(execute=True):
        profile.expertise.add(data)
    [event] = m2m_events(profile, "expertise")
    assert event.changes == {"expertise": [[], ["Data and analytics"]]}
