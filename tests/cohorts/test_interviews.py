import datetime

import pytest
from django.urls import reverse

from accounts.factories import make_adviser, make_fellow
from accounts.models import Membership
from cohorts.factories import IntakeInterviewFactory, ThemeFactory
from cohorts.models import DevelopmentGoal, IntakeInterview, Theme
from tests.matrix import adviser_only, adviser_writes, assert_matrix

pytestmark = pytest.mark.django_db


@pytest.fixture
def themes(world):
    return [
        ThemeFactory(programme=world.programme, name=name)
        for name in ("Data and analytics", "Leading change", "User-centred design")
    ]


def record_url(world, user=None):
    membership = Membership.objects.get(user=user or world.owner, cohort=world.cohort)
    return reverse("cohorts:interview_record", args=[membership.pk])


def interview_data(world, themes=(), **changes):
    data = {
        "held_on": "2026-03-10",
        "interviewer": world.adviser.pk,
        "hopes": "To lead the move to electronic observations.",
        "motivation": IntakeInterview.Motivation.OWN_ACCORD,
        "starting_skilled": "2",
        "starting_connected": "3",
        "starting_inspired": "4",
        "goals-TOTAL_FORMS": "3",
        "goals-INITIAL_FORMS": "0",
        "goals-0-text": "Build a dashboard ward leaders use",
        "goals-0-themes": [theme.pk for theme in themes[:2]],
        "goals-1-text": "Run discovery with patients",
        "goals-1-themes": [theme.pk for theme in themes[2:]],
        "goals-2-text": "",
    }
    return data | changes


def test_record_interview_matrix(world, themes):
    assert_matrix(world, record_url, adviser_only())
    assert_matrix(
        world,
        record_url,
        adviser_only(302),
        method="post",
        data=lambda w: interview_data(w, themes),
    )


def test_only_active_advisers_can_be_chosen_as_interviewer(client, world, themes):
    gone = make_adviser(world.programme)
    earlier = make_fellow(world.cohort)
    IntakeInterviewFactory(cohort=world.cohort, fellow=earlier, interviewer=gone)
    Membership.objects.filter(user=gone).update(is_active=False)
    client.force_login(world.adviser)

    new = client.get(record_url(world))
    existing = client.get(record_url(world, earlier))
    refused = client.post(record_url(world), interview_data(world, themes, interviewer=gone.pk))

    assert list(new.context["form"].fields["interviewer"].queryset) == [world.adviser]
    assert set(existing.context["form"].fields["interviewer"].queryset) == {world.adviser, gone}
    assert "Select a valid choice" in refused.text
    assert not IntakeInterview.objects.filter(fellow=world.owner).exists()


def test_adviser_records_an_interview_with_goals_and_themes(client, world, themes):
    client.force_login(world.adviser)

    response = client.post(record_url(world), interview_data(world, themes))

    assert response["Location"] == reverse("cohorts:interviews", args=[world.cohort.pk])
    interview = IntakeInterview.objects.get()
    assert (interview.fellow, interview.interviewer, interview.held_on) == (
        world.owner,
        world.adviser,
        datetime.date(2026, 3, 10),
    )
    assert (interview.starting_skilled, interview.starting_connected) == (2, 3)
    goals = list(interview.goals.all())
    assert [goal.text for goal in goals] == [
        "Build a dashboard ward leaders use",
        "Run discovery with patients",
    ]
    assert {t.name for t in goals[0].themes.all()} == {"Data and analytics", "Leading change"}


def test_recording_again_replaces_the_interview_and_its_goals(client, world, themes):
    client.force_login(world.adviser)
    client.post(record_url(world), interview_data(world, themes))

    page = client.get(record_url(world))
    client.post(
        record_url(world),
        interview_data(world, themes, **{"goals-0-text": "", "goals-0-themes": []}),
    )

    assert page.context["form"]["hopes"].value() == "To lead the move to electronic observations."
    assert page.context["goals"].forms[0]["text"].value() == "Build a dashboard ward leaders use"
    assert IntakeInterview.objects.count() == 1
    assert list(DevelopmentGoal.objects.values_list("text", flat=True)) == [
        "Run discovery with patients"
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"starting_skilled": "6"}, "Select a valid choice"),
        ({"held_on": "2099-01-01"}, "The date of the interview cannot be in the future"),
        ({"motivation": ""}, "This field is required"),
        ({"goals-0-text": ""}, "Write the goal, or clear its themes"),
        ({"goals-0-text": "x" * 301}, "at most 300 characters"),
    ],
)
def test_bad_interview_is_refused_with_a_message(client, world, themes, changes, message):
    client.force_login(world.adviser)

    response = client.post(record_url(world), interview_data(world, themes, **changes))

    assert response.status_code == 200
    assert message in response.text
    assert "There is a problem" in response.text
    assert not IntakeInterview.objects.exists()


def test_every_error_of_the_form_and_its_goals_is_in_the_error_summary(client, world, themes):
    client.force_login(world.adviser)
    changes = {"held_on": "2099-01-01", "goals-1-text": "", "goals-2-text": "x" * 301}

    response = client.post(record_url(world), interview_data(world, themes, **changes))

    summary = response.text.split('nhsuk-error-summary__list">')[1].split("</ul>")[0]
    assert response.status_code == 200
    assert response.text.count('class="nhsuk-error-summary"') == 1
    assert "The date of the interview cannot be in the future" in summary
    assert '<a href="#id_goals-1-text">Goal 2: Write the goal, or clear its themes</a>' in summary
    assert "Goal 3: Ensure this value has at most 300 characters" in summary
    assert "<title>Error: " in response.text
    assert not IntakeInterview.objects.exists()


def test_goal_errors_alone_still_get_one_error_summary(client, world, themes):
    client.force_login(world.adviser)

    response = client.post(record_url(world), interview_data(world, themes, **{"goals-0-text": ""}))

    assert response.text.count('class="nhsuk-error-summary"') == 1
    assert "Goal 1: Write the goal, or clear its themes" in response.text
    assert "<title>Error: " in response.text


def test_themes_of_another_programme_cannot_tag_a_goal(client, world):
    foreign = ThemeFactory(programme=world.other_programme)
    client.force_login(world.adviser)

    response = client.post(
        record_url(world), interview_data(world, **{"goals-0-themes": [foreign.pk]})
    )

    assert "Select a valid choice" in response.text
    assert not IntakeInterview.objects.exists()


def test_goals_page_matrix(world):
    interview = IntakeInterviewFactory(cohort=world.cohort, fellow=world.owner)
    url = reverse("cohorts:interview_goals", args=[interview.pk])
    # Another fellow typing the owner's interview id learns nothing (404).
    assert_matrix(world, url, adviser_only() | {"owner": 200})


def test_fellow_sees_their_agreed_goals_and_nothing_else(client, world, themes):
    client.force_login(world.adviser)
    client.post(record_url(world), interview_data(world, themes))
    interview = IntakeInterview.objects.get()
    client.force_login(world.owner)

    cohort_page = client.get(reverse("cohorts:detail", args=[world.cohort.pk]))
    response = client.get(reverse("cohorts:interview_goals", args=[interview.pk]))

    assert reverse("cohorts:interview_goals", args=[interview.pk]) in cohort_page.text
    assert "Build a dashboard ward leaders use" in response.text
    assert "Data and analytics" in response.text
    assert "electronic observations" not in response.text  # their hopes stay with advisers
    assert "Applied of their own accord" not in response.text


def test_interviews_page_matrix(world):
    assert_matrix(world, reverse("cohorts:interviews", args=[world.cohort.pk]), adviser_writes())


def test_wants_page_matrix(world):
    assert_matrix(world, reverse("cohorts:wants", args=[world.cohort.pk]), adviser_writes())


def test_what_this_cohort_wants_adds_up_the_interviews(client, world, themes):
    data = themes[0]
    third = make_fellow(world.cohort)
    former = make_fellow(world.cohort)
    client.force_login(world.adviser)
    client.post(record_url(world), interview_data(world, themes))  # data+change, design
    client.post(
        record_url(world, world.fellow),
        interview_data(
            world,
            motivation=IntakeInterview.Motivation.SENT,
            starting_skilled="2",
            **{"goals-0-themes": [data.pk], "goals-1-text": ""},
        ),
    )
    client.post(record_url(world, former), interview_data(world, themes))
    Membership.objects.filter(user=former).update(is_active=False)  # left: not counted

    response = client.get(reverse("cohorts:wants", args=[world.cohort.pk]))

    wants = response.context["wants"]
    assert [(t.name, t.goal_count, t.fellow_count) for t in wants.themes] == [
        ("Data and analytics", 2, 2),
        ("Leading change", 1, 1),
        ("User-centred design", 1, 1),
    ]
    assert (wants.interviewed, wants.own_accord, wants.sent, wants.fellows) == (2, 1, 1, 3)
    assert wants.own_accord_share == 50
    assert wants.spread == [
        ("Skilled", [0, 2, 0, 0, 0]),
        ("Connected", [0, 0, 2, 0, 0]),
        ("Inspired", [0, 0, 0, 2, 0]),
    ]
    assert [m.user for m in wants.not_interviewed] == [third]


def test_themes_page_matrix(world):
    url = reverse("cohorts:themes", args=[world.programme.pk])
    assert_matrix(world, url, adviser_only())
    assert_matrix(world, url, adviser_only(302), method="post", data={"name": "Procurement"})


def test_adviser_adds_and_renames_themes_without_duplicates(client, world, themes):
    client.force_login(world.adviser)

    added = client.post(
        reverse("cohorts:themes", args=[world.programme.pk]), {"name": "Procurement"}
    )
    duplicate = client.post(
        reverse("cohorts:themes", args=[world.programme.pk]), {"name": "leading change"}
    )
    renamed = client.post(
        reverse("cohorts:theme_edit", args=[themes[0].pk]), {"name": "Data, analytics and AI"}
    )

    assert added.status_code == 302
    assert "There is already a theme called leading change" in duplicate.text
    assert renamed.status_code == 302
    assert list(Theme.objects.filter(programme=world.programme).values_list("name", flat=True)) == [
        "Data, analytics and AI",
        "Leading change",
        "Procurement",
        "User-centred design",
    ]


def test_theme_edit_matrix(world, themes):
    url = reverse("cohorts:theme_edit", args=[themes[0].pk])
    assert_matrix(world, url, adviser_only())
    # A second adviser of the same programme may rename too; another programme's may not.
    make_adviser(world.programme)
    assert_matrix(world, url, adviser_only(302), method="post", data={"name": "Data"})


def test_too_many_goals_are_refused(client, world):
    client.force_login(world.adviser)

    response = client.post(record_url(world), interview_data(world, **{"goals-TOTAL_FORMS": "500"}))

    assert "Please submit at most 12 forms" in response.text
    assert not IntakeInterview.objects.exists()
