from types import SimpleNamespace

import pytest
from django.urls import reverse

from accounts.factories import make_facilitator, make_fellow
from cohorts.factories import LearningSetFactory, MeetingFactory, place
from cohorts.models import LearningSet, LearningSetMember, Session
from cohorts.rules import facilitates_fellow
from cohorts.selectors.learning_sets import fellows_in_sets_of
from cohorts.split import Candidate, balance, default_set_count, suggest_split
from tests.matrix import adviser_writes, assert_matrix, set_matrix, signed_in

pytestmark = pytest.mark.django_db


def fellows(cohort, count: int, **kwargs) -> list:
    return [make_fellow(cohort, **kwargs) for _ in range(count)]


def test_cohort_sets_page_matrix(world, learning_set):
    assert_matrix(world, reverse("cohorts:learning_sets", args=[world.cohort.pk]), adviser_writes())


def test_create_set_matrix(world):
    url = reverse("cohorts:learning_set_create", args=[world.cohort.pk])
    data = {"name": "Fleet", "fellows": [world.owner.pk], "confirm_size": "on"}
    assert_matrix(world, url, adviser_writes())
    assert_matrix(world, url, adviser_writes(302), method="post", data=data)


def test_adviser_forms_a_set_of_four_with_a_facilitator(client, world):
    members = [world.owner, world.fellow, *fellows(world.cohort, 2)]
    client.force_login(world.adviser)

    response = client.post(
        reverse("cohorts:learning_set_create", args=[world.cohort.pk]),
        {"name": "Fleet", "facilitator": world.facilitator.pk, "fellows": [m.pk for m in members]},
    )

    assert response.status_code == 302
    learning_set = LearningSet.objects.get(name="Fleet")
    assert learning_set.facilitator == world.facilitator
    assert set(learning_set.members.values_list("fellow", flat=True)) == {m.pk for m in members}


@pytest.mark.parametrize("size", [3, 9])
def test_a_set_outside_4_to_8_needs_confirming(client, world, size):
    members = [world.owner, world.fellow, *fellows(world.cohort, size - 2)]
    data = {"name": "Fleet", "fellows": [m.pk for m in members]}
    client.force_login(world.adviser)
    url = reverse("cohorts:learning_set_create", args=[world.cohort.pk])

    refused = client.post(url, data)
    confirmed = client.post(url, data | {"confirm_size": "on"})

    assert f"This set has {size} fellows; a learning set works best with 4 to 8" in refused.text
    assert confirmed.status_code == 302
    assert LearningSet.objects.get().members.count() == size


def test_a_fellow_in_another_set_cannot_be_chosen(client, world, learning_set):
    client.force_login(world.adviser)

    response = client.post(
        reverse("cohorts:learning_set_create", args=[world.cohort.pk]),
        {"name": "Fleet", "fellows": [world.owner.pk], "confirm_size": "on"},
    )

    assert "Select a valid choice" in response.text
    assert LearningSetMember.objects.get(fellow=world.owner).learning_set == learning_set


def test_people_outside_the_cohort_cannot_join_a_set(client, world):
    client.force_login(world.adviser)

    response = client.post(
        reverse("cohorts:learning_set_create", args=[world.cohort.pk]),
        {
            "name": "Fleet",
            "fellows": [world.other_cohort_fellow.pk],
            "facilitator": world.mentor.pk,
            "confirm_size": "on",
        },
    )

    assert set(response.context["form"].errors) == {"fellows", "facilitator"}
    assert not LearningSet.objects.exists()


def test_set_names_are_unique_in_a_cohort(client, world, learning_set):
    client.force_login(world.adviser)

    response = client.post(
        reverse("cohorts:learning_set_create", args=[world.cohort.pk]),
        {"name": "thames", "fellows": [world.fellow.pk], "confirm_size": "on"},
    )

    assert "This cohort already has a set called thames" in response.text


def test_set_page_matrix(world, learning_set):
    assert_matrix(
        world, reverse("cohorts:learning_set_detail", args=[learning_set.pk]), set_matrix()
    )


def test_set_page_shows_members_and_meetings(client, world, learning_set, meeting):
    place(learning_set, *fellows(world.cohort, 1, organisation="Whittington Health NHS Trust"))
    client.force_login(world.owner)

    response = client.get(reverse("cohorts:learning_set_detail", args=[learning_set.pk]))

    assert len(response.context["members"]) == 2
    assert "Whittington Health NHS Trust" in response.text
    assert meeting.title in response.text
    assert "Schedule a meeting" not in response.text


def test_a_former_facilitator_loses_the_set(client, world, learning_set):
    world.facilitator.memberships.update(is_active=False)
    client.force_login(world.facilitator)

    response = client.get(reverse("cohorts:learning_set_detail", args=[learning_set.pk]))

    assert response.status_code == 404


def test_edit_set_matrix(world, learning_set):
    url = reverse("cohorts:learning_set_edit", args=[learning_set.pk])
    data = {"name": "Thames", "fellows": [world.owner.pk], "confirm_size": "on"}
    expected = set_matrix() | {"owner": 403, "facilitator": 403}
    assert_matrix(world, url, expected)
    assert_matrix(world, url, expected | {"adviser": 302}, method="post", data=data)


def test_adviser_changes_a_sets_members(client, world, learning_set):
    client.force_login(world.adviser)

    client.post(
        reverse("cohorts:learning_set_edit", args=[learning_set.pk]),
        {"name": "Thames", "fellows": [world.fellow.pk], "confirm_size": "on"},
    )

    assert list(learning_set.members.values_list("fellow", flat=True)) == [world.fellow.pk]


def meeting_data(**changes):
    data = {
        "title": "Thames meeting 2",
        "date": "2026-07-08",
        "start_time": "14:00",
        "end_time": "16:00",
        "online_link": "https://meet.example.org/thames",
    }
    return data | changes


def test_schedule_meeting_matrix(world, learning_set):
    url = reverse("cohorts:meeting_create", args=[learning_set.pk])
    expected = set_matrix() | {"owner": 403}
    assert_matrix(world, url, expected)
    assert_matrix(
        world,
        url,
        expected | {"adviser": 302, "facilitator": 302},
        method="post",
        data=meeting_data(),
    )


def test_facilitator_schedules_their_sets_meeting(client, world, learning_set):
    client.force_login(world.facilitator)

    response = client.post(
        reverse("cohorts:meeting_create", args=[learning_set.pk]), meeting_data()
    )

    assert response["Location"] == reverse("cohorts:learning_set_detail", args=[learning_set.pk])
    session = Session.objects.get()
    assert (session.kind, session.learning_set, session.cohort) == (
        Session.Kind.LEARNING_SET_MEETING,
        learning_set,
        world.cohort,
    )


def test_facilitator_cannot_schedule_for_another_facilitators_set(client, world):
    theirs = LearningSetFactory(cohort=world.cohort, facilitator=make_facilitator(world.cohort))
    MeetingFactory(cohort=world.cohort, learning_set=theirs)
    client.force_login(world.facilitator)

    page = client.get(reverse("cohorts:learning_set_detail", args=[theirs.pk]))
    post = client.post(reverse("cohorts:meeting_create", args=[theirs.pk]), meeting_data())

    assert (page.status_code, post.status_code) == (404, 404)
    assert Session.objects.count() == 1


def test_my_sets_matrix(world):
    assert_matrix(world, reverse("cohorts:my_learning_sets"), signed_in())


# The suggested split

ORGANISATIONS = ["Barts", "Guy's", "King's", "Whittington"]
PROFESSIONS = ["Nurse", "Doctor", "Manager"]


def candidates(count: int) -> list[Candidate]:
    return [
        Candidate(
            id=n,
            name=f"Fellow {n:02d}",
            organisation=ORGANISATIONS[n % len(ORGANISATIONS)],
            profession=PROFESSIONS[n % len(PROFESSIONS)],
        )
        for n in range(1, count + 1)
    ]


def test_split_spreads_organisations_and_professions_evenly():
    sets = suggest_split(candidates(24), 4)

    assert [len(members) for members in sets] == [6, 6, 6, 6]
    for members in sets:
        assert balance(members) == (4, 3)


def test_split_is_the_same_whatever_order_the_fellows_come_in():
    people = candidates(23)

    first = suggest_split(people, 4)
    again = suggest_split(list(reversed(people)), 4)

    assert [[f.id for f in s] for s in first] == [[f.id for f in s] for s in again]
    assert sorted(len(s) for s in first) == [5, 6, 6, 6]


@pytest.mark.parametrize(
    ("fellows", "sets"), [(0, 0), (3, 1), (8, 1), (9, 2), (24, 4), (30, 5), (60, 10), (100, 17)]
)
def test_default_number_of_sets_keeps_sizes_within_4_to_8(fellows, sets):
    assert default_set_count(fellows) == sets


def test_split_page_matrix(world):
    assert_matrix(
        world, reverse("cohorts:learning_set_split", args=[world.cohort.pk]), adviser_writes()
    )


def split_post(form, **changes) -> dict:
    """What the browser sends for the suggested split, with some changes."""
    data = {"sets": len(list(form.set_numbers)), "action": "save"}
    for name, field in form.fields.items():
        if name != "confirm_sizes":
            value = field.initial
            data[name] = "" if value is None else value
    return data | changes


def test_adviser_adjusts_the_suggestion_then_saves_it(client, world):
    people = [world.owner, world.fellow, *fellows(world.cohort, 6)]
    client.force_login(world.adviser)
    url = reverse("cohorts:learning_set_split", args=[world.cohort.pk]) + "?sets=2"
    form = client.get(url).context["form"]
    moved = people[0]
    other = "2" if form.fields[f"fellow_{moved.pk}"].initial == "1" else "1"
    swapped = next(p for p in people[1:] if form.fields[f"fellow_{p.pk}"].initial == other)
    data = split_post(
        form,
        set_1_name="Thames",
        set_2_name="Fleet",
        set_1_facilitator=world.facilitator.pk,
        **{f"fellow_{moved.pk}": other, f"fellow_{swapped.pk}": "2" if other == "1" else "1"},
    )

    response = client.post(url, data)

    assert response.status_code == 302
    thames, fleet = LearningSet.objects.get(name="Thames"), LearningSet.objects.get(name="Fleet")
    assert (thames.facilitator, fleet.facilitator) == (world.facilitator, None)
    assert thames.members.count() + fleet.members.count() == len(people)
    target = thames if other == "1" else fleet
    assert target.members.filter(fellow=moved).exists()


def test_an_uneven_split_needs_confirming_and_saves_nothing_until_then(client, world):
    people = [world.owner, world.fellow, *fellows(world.cohort, 6)]
    client.force_login(world.adviser)
    url = reverse("cohorts:learning_set_split", args=[world.cohort.pk]) + "?sets=2"
    form = client.get(url).context["form"]
    lopsided = split_post(form, **{f"fellow_{p.pk}": "1" for p in people[:7]})
    lopsided[f"fellow_{people[7].pk}"] = "2"

    refused = client.post(url, lopsided)
    confirmed = client.post(url, lopsided | {"confirm_sizes": "on"})

    assert "Set 1 has 7 fellows" not in refused.text
    assert "Set 2 has 1 fellow; a learning set works best with 4 to 8" in refused.text
    assert refused.status_code == 200
    assert confirmed.status_code == 302
    assert sorted(s.members.count() for s in LearningSet.objects.all()) == [1, 7]


@pytest.mark.parametrize(
    ("asked", "sets"), [("²", 2), ("٣", 3), ("1" * 5000, 2), ("-4", 1), ("", 2)]
)
def test_the_number_of_sets_asked_for_is_read_safely(client, world, asked, sets):
    # Twelve fellows with the owner and the fellow: two sets unless asked otherwise.
    fellows(world.cohort, 10)
    client.force_login(world.adviser)

    response = client.get(
        reverse("cohorts:learning_set_split", args=[world.cohort.pk]), {"sets": asked}
    )

    assert response.status_code == 200
    assert response.context["set_count"] == sets


def test_a_set_number_that_is_not_a_number_is_refused_on_the_form(client, world):
    fellows(world.cohort, 6)
    client.force_login(world.adviser)
    url = reverse("cohorts:learning_set_split", args=[world.cohort.pk]) + "?sets=2"
    form = client.get(url).context["form"]

    response = client.post(url, split_post(form, **{f"fellow_{world.owner.pk}": "²"}))

    assert response.status_code == 200
    assert response.context["form"].errors[f"fellow_{world.owner.pk}"] == [
        "Select a valid choice. ² is not one of the available choices."
    ]
    assert not LearningSet.objects.exists()


def test_split_page_says_when_everyone_has_a_set(client, world, learning_set):
    place(learning_set, world.fellow)
    client.force_login(world.adviser)

    response = client.get(reverse("cohorts:learning_set_split", args=[world.cohort.pk]) + "?sets=x")

    assert response.status_code == 200
    assert "Every fellow of this cohort is in a learning set (2 fellows)" in response.text


def test_fellows_are_offered_as_checkboxes(client, world):
    client.force_login(world.adviser)

    response = client.get(reverse("cohorts:learning_set_create", args=[world.cohort.pk]))

    assert response.text.count('class="nhsuk-checkboxes__input"') == 3  # 2 fellows, confirm
    assert "nhsuk-radios" not in response.text


def test_facilitators_reach_only_their_sets_fellows(world, learning_set):
    owners_work = SimpleNamespace(cohort_id=world.cohort.pk, fellow_id=world.owner.pk)
    others_work = SimpleNamespace(cohort_id=world.cohort.pk, fellow_id=world.fellow.pk)

    assert facilitates_fellow(world.facilitator, owners_work)
    assert not facilitates_fellow(world.facilitator, others_work)
    assert not facilitates_fellow(world.adviser, owners_work)
    assert list(fellows_in_sets_of(world.facilitator)) == [{"fellow_id": world.owner.pk}]
