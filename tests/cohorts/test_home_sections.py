import pytest
import time_machine
from django.urls import reverse

from accounts.factories import make_fellow
from cohorts.factories import IntakeInterviewFactory, SessionFactory, london, place

pytestmark = pytest.mark.django_db


@time_machine.travel(london(2026, 5, 1, 12, 0), tick=False)
def test_fellow_home_shows_next_sessions_their_set_and_goals(client, world, teaching_day, meeting):
    interview = IntakeInterviewFactory(cohort=world.cohort, fellow=world.owner)
    SessionFactory(cohort=world.other_cohort, title="Elsewhere")
    client.force_login(world.owner)

    response = client.get(reverse("home"))

    assert response.context["fellow_next_sessions"] == [teaching_day, meeting]
    assert [p.learning_set for p in response.context["fellow_places"]] == [meeting.learning_set]
    assert "Thames" in response.text
    assert reverse("cohorts:interview_goals", args=[interview.pk]) in response.text
    assert "Elsewhere" not in response.text


@time_machine.travel(london(2026, 5, 1, 12, 0), tick=False)
def test_another_fellow_does_not_see_the_sets_meetings_at_home(client, world, meeting):
    client.force_login(world.fellow)

    response = client.get(reverse("home"))

    assert response.context["fellow_next_sessions"] == []
    assert "Thames" not in response.text


@time_machine.travel(london(2026, 5, 1, 12, 0), tick=False)
def test_facilitator_home_shows_their_sets_next_meetings(client, world, meeting):
    client.force_login(world.facilitator)

    response = client.get(reverse("home"))

    assert response.context["facilitator_next_meetings"] == [meeting]
    assert "Thames meeting 1" in response.text


def test_set_member_counts_leave_out_fellows_who_have_left(client, world, learning_set):
    # Thames: the owner, another fellow, and one whose membership was deactivated.
    place(learning_set, make_fellow(world.cohort), make_fellow(world.cohort, is_active=False))
    expected = {world.facilitator: "facilitated_sets", world.owner: "fellow_places"}

    for person, key in expected.items():
        client.force_login(person)
        home = client.get(reverse("home"))
        sets = client.get(reverse("cohorts:my_learning_sets"))

        assert [row.member_count for row in home.context[key]] == [2]
        assert "2 fellows" in home.text
        assert f"Thames, {world.cohort.name}</a>: 2 fellows" in sets.text
