import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership
from accounts.services import membership_deactivate
from cohorts.factories import ThemeFactory
from cohorts.models import LearningSetMember
from mentoring.factories import make_mentor_profile
from projects.factories import (
    CommentFactory,
    MilestoneFactory,
    ProgressEntryFactory,
    ProjectFactory,
)
from projects.models import Project
from projects.services.projects import project_create
from tests.projects.data import project_data

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def test_fellow_sets_up_their_project_and_lands_on_it(client, world):
    client.force_login(world.fellow)

    response = client.post(reverse("projects:start", args=[world.cohort.pk]), project_data())

    project = Project.objects.get(fellow=world.fellow)
    assert response["Location"] == reverse("projects:detail", args=[project.pk])
    assert (project.cohort, project.title, project.sponsor_role) == (
        world.cohort,
        "Digital discharge summaries",
        "Chief Medical Officer",
    )
    assert project.status == Project.Status.PLANNING


def test_fellow_tags_their_project_with_themes_and_is_suggested_matching_mentors(client, world):
    data_theme = ThemeFactory(programme=world.programme, name="Data and analytics")
    safety = ThemeFactory(programme=world.programme, name="Clinical safety")
    elsewhere = ThemeFactory(programme=world.other_programme, name="Procurement")
    analyst = make_mentor_profile(world.programme, expertise=[data_theme])
    client.force_login(world.fellow)

    form = client.get(reverse("projects:start", args=[world.cohort.pk])).context["form"]
    client.post(
        reverse("projects:start", args=[world.cohort.pk]), project_data(themes=[data_theme.pk])
    )
    project = Project.objects.get(fellow=world.fellow)
    refused = client.post(
        reverse("projects:edit", args=[project.pk]), project_data(themes=[elsewhere.pk])
    )
    client.post(
        reverse("projects:edit", args=[project.pk]),
        project_data(themes=[data_theme.pk, safety.pk]),
    )
    directory = client.get(reverse("mentoring:directory"))

    assert list(form.fields["themes"].queryset) == [safety, data_theme]
    assert "Select a valid choice" in refused.text
    assert set(project.themes.all()) == {data_theme, safety}
    suggestions = directory.context["suggestions"]
    assert [(s.profile, s.reason) for s in suggestions] == [
        (analyst, "Matches your project: Data and analytics")
    ]


def test_start_page_offers_the_fellows_organisation(client, world):
    client.force_login(world.fellow)

    response = client.get(reverse("projects:start", args=[world.cohort.pk]))

    organisation = world.fellow.memberships.get().organisation
    assert response.context["form"].initial["organisation"] == organisation


def test_project_without_title_or_summary_is_refused_and_nothing_saved(client, world):
    client.force_login(world.fellow)

    response = client.post(
        reverse("projects:start", args=[world.cohort.pk]), project_data(title=" ", summary="")
    )

    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert response.context["form"].errors == {
        "title": ["Enter a title for your project"],
        "summary": ["Enter a short summary of your project"],
    }
    assert not Project.objects.exists()


def test_fellow_with_a_project_is_sent_to_it_instead_of_starting_another(client, world, project):
    client.force_login(world.owner)

    response = client.post(reverse("projects:start", args=[world.cohort.pk]), project_data())

    assert response["Location"] == reverse("projects:detail", args=[project.pk])
    assert Project.objects.count() == 1


def test_owner_changes_details_and_status(client, world, project):
    client.force_login(world.owner)

    response = client.post(
        reverse("projects:edit", args=[project.pk]),
        project_data(title="Same-day discharge letters", status="paused"),
    )

    project.refresh_from_db()
    assert response.status_code == 302
    assert (project.title, project.status) == ("Same-day discharge letters", "paused")


def test_unknown_status_is_refused(client, world, project):
    client.force_login(world.owner)

    response = client.post(
        reverse("projects:edit", args=[project.pk]), project_data(status="abandoned")
    )

    project.refresh_from_db()
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert project.status == Project.Status.IN_PROGRESS


def test_project_page_shows_a_timeline_of_entries_and_milestones_newest_first(
    client, world, project
):
    ProgressEntryFactory(project=project, happened_on=days_ago(30), what_happened="Kick-off")
    ProgressEntryFactory(project=project, happened_on=days_ago(2), what_happened="Go-live")
    MilestoneFactory(project=project, title="IG approval", due_on=days_ago(10))
    client.force_login(world.adviser)

    response = client.get(reverse("projects:detail", args=[project.pk]))

    timeline = response.context["timeline"]
    assert [(item.date, bool(item.entry)) for item in timeline] == [
        (days_ago(2), True),
        (days_ago(10), False),
        (days_ago(30), True),
    ]
    assert response.text.index("Go-live") < response.text.index("Kick-off")
    assert "Overdue" in response.text


def test_a_long_timeline_comes_a_page_at_a_time_and_each_milestone_shows_once(
    client, world, project
):
    for days in range(1, 26):  # 25 entries, one a day: pages of 10, 10 and 5
        ProgressEntryFactory(project=project, happened_on=days_ago(days))
    # on the day of page 1's oldest entry, so on page 1; before every entry, so on the last page
    between = MilestoneFactory(project=project, title="Between", due_on=days_ago(10), done_on=None)
    first_day = MilestoneFactory(project=project, title="First day", due_on=days_ago(60))
    ahead = MilestoneFactory(project=project, title="Ahead", due_on=days_ago(-5))
    client.force_login(world.owner)
    url = reverse("projects:detail", args=[project.pk])

    pages = [client.get(url, {"page": number}) for number in (1, 2, 3)]

    shown = [
        [item.milestone.pk for item in page.context["timeline"] if item.milestone] for page in pages
    ]
    entries = [sum(1 for item in page.context["timeline"] if item.entry) for page in pages]
    assert entries == [10, 10, 5]
    assert shown == [[between.pk], [], [first_day.pk]]
    assert all(ahead.pk not in page for page in shown)
    assert 'aria-current="page"' in pages[1].text
    assert 'rel="next"' in pages[1].text


@pytest.mark.parametrize("page", ["abc", "0", "999", "-1"])
def test_a_mistyped_timeline_page_shows_a_page_not_an_error(client, world, project, page):
    for days in range(1, 16):
        ProgressEntryFactory(project=project, happened_on=days_ago(days))
    client.force_login(world.adviser)

    response = client.get(reverse("projects:detail", args=[project.pk]), {"page": page})

    assert response.status_code == 200
    assert sum(1 for item in response.context["timeline"] if item.entry) in (10, 5)


def test_rag_trend_shows_each_entry_oldest_first_as_bars_and_a_table(client, world, project):
    for days, rag in [(40, "green"), (26, "amber"), (12, "red"), (1, "amber")]:
        ProgressEntryFactory(project=project, happened_on=days_ago(days), rag=rag)
    client.force_login(world.owner)

    response = client.get(reverse("projects:detail", args=[project.pk]))

    trend = response.context["trend"]
    assert [point.rag for point in trend.points] == ["green", "amber", "red", "amber"]
    assert [point.height for point in trend.points] == [16, 32, 48, 32]
    assert trend.counts == {"Green": 1, "Amber": 2, "Red": 1}
    assert response.text.count('class="pioneer-rag-trend__bar ') == 4
    assert "1 green, 2 amber, 1 red" in response.text
    assert "Latest: amber" in response.text


def test_gallery_shows_titles_and_summaries_but_nothing_from_the_progress_log(
    client, world, project
):
    ProjectFactory(cohort=world.cohort, fellow=world.fellow, title="Peer's e-prescribing")
    entry = ProgressEntryFactory(
        project=project, blockers="IG is stuck", what_happened="Secret workshop"
    )
    CommentFactory(entry=entry, author=world.adviser, body="Call me about IG")
    MilestoneFactory(project=project, title="Board sign-off")
    client.force_login(world.fellow)

    response = client.get(reverse("projects:gallery", args=[world.cohort.pk]))

    shown = [(p.fellow.name, p.title) for p in response.context["projects"]]
    assert shown == sorted(
        [(world.owner.name, project.title), (world.fellow.name, "Peer's e-prescribing")]
    )
    assert project.summary in response.text
    for private in ["IG is stuck", "Secret workshop", "Call me about IG", "Board sign-off"]:
        assert private not in response.text
    assert reverse("projects:detail", args=[project.pk]) not in response.text


def test_gallery_of_a_cohort_shows_only_that_cohorts_projects(client, world, project):
    elsewhere = ProjectFactory(cohort=world.other_cohort, fellow=world.other_cohort_fellow)
    client.force_login(world.adviser)

    response = client.get(reverse("projects:gallery", args=[world.cohort.pk]))

    assert list(response.context["projects"]) == [project]
    assert elsewhere.title not in response.text


def test_facilitator_sees_the_summaries_of_their_sets_members(client, world, learning_set):
    client.force_login(world.facilitator)

    response = client.get(reverse("projects:set_projects", args=[learning_set.pk]))

    assert [(fellow, project.title) for fellow, project in response.context["members"]] == [
        (world.owner, "Owner's virtual ward")
    ]
    assert "Has not set up a project" not in response.text


def test_fellows_who_have_left_are_not_in_the_gallery_nor_their_sets_summaries(
    client, world, learning_set
):
    LearningSetMember.objects.create(
        learning_set=learning_set, cohort=world.cohort, fellow=world.fellow
    )
    ProjectFactory(cohort=world.cohort, fellow=world.fellow, title="Left behind")
    membership_deactivate(membership=Membership.objects.get(user=world.fellow))
    client.force_login(world.adviser)

    gallery = client.get(reverse("projects:gallery", args=[world.cohort.pk]))
    summaries = client.get(reverse("projects:set_projects", args=[learning_set.pk]))

    assert [p.fellow for p in gallery.context["projects"]] == [world.owner]
    assert [fellow for fellow, _ in summaries.context["members"]] == [world.owner]
    assert "Left behind" not in gallery.text + summaries.text


def test_a_second_project_in_the_same_cohort_is_refused_by_the_service(world, project):
    with pytest.raises(ValidationError):
        project_create(cohort=world.cohort, fellow=world.owner, title="Again", summary="Again")

    assert Project.objects.filter(fellow=world.owner).count() == 1


@pytest.mark.parametrize("field", ["title", "organisation", "sponsor_name", "sponsor_role"])
def test_a_project_refuses_hidden_direction_characters(client, world, field):
    client.force_login(world.owner)

    response = client.post(
        reverse("projects:start", args=[world.cohort.pk]),
        project_data(**{field: "Whittington \u202eHealth"}),
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [
        "Remove the hidden characters that change the direction of the text, then type it again"
    ]
    assert not Project.objects.filter(fellow=world.owner).exists()


def test_a_project_title_is_one_line(client, world):
    client.force_login(world.owner)

    response = client.post(
        reverse("projects:start", args=[world.cohort.pk]),
        project_data(title="Discharge\nsummaries"),
    )

    assert "Use letters, numbers and punctuation only, on one line" in response.text
    assert not Project.objects.filter(fellow=world.owner).exists()
