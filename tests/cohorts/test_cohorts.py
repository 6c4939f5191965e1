import datetime

import pytest
from django.urls import reverse

from accounts.factories import make_adviser
from accounts.models import Cohort, Membership, Role
from cohorts.factories import (
    AttendanceFactory,
    IntakeInterviewFactory,
    LearningSetFactory,
    MeetingFactory,
    SessionFactory,
    place,
)
from cohorts.models import Attendance, LearningSet, LearningSetMember, Session, Theme
from tests.matrix import (
    adviser_only,
    adviser_writes,
    assert_matrix,
    cohort_members_read,
    outcomes,
    signed_in,
)

pytestmark = pytest.mark.django_db


def cohort_data(**changes):
    data = {
        "name": "Cohort 3 (2027-28)",
        "starts_on": "2027-04-01",
        "ends_on": "2028-03-31",
        "status": Cohort.Status.RECRUITING,
    }
    return data | changes


def test_cohort_list_matrix(world):
    assert_matrix(world, reverse("cohorts:list"), signed_in())


def test_cohort_list_shows_only_the_persons_cohorts(client, world):
    client.force_login(world.owner)

    response = client.get(reverse("cohorts:list"))

    assert world.cohort.name in response.text
    assert world.other_cohort.name not in response.text
    assert "New cohort" not in response.text


def test_cohort_create_matrix(world):
    url = reverse("cohorts:create", args=[world.programme.pk])
    assert_matrix(world, url, adviser_only())
    assert_matrix(world, url, adviser_only(302), method="post", data=cohort_data())


def test_adviser_creates_a_cohort(client, world):
    client.force_login(world.adviser)

    response = client.post(reverse("cohorts:create", args=[world.programme.pk]), cohort_data())

    cohort = Cohort.objects.get(name="Cohort 3 (2027-28)")
    assert response["Location"] == reverse("cohorts:detail", args=[cohort.pk])
    assert (cohort.programme, cohort.starts_on, cohort.status) == (
        world.programme,
        datetime.date(2027, 4, 1),
        Cohort.Status.RECRUITING,
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_on": "2027-03-01"}, "The end date must be after the start date"),
        ({"name": "cohort 2"}, "already has a cohort called cohort 2"),
        ({"starts_on": "1st April"}, "Enter a valid date"),
        ({"starts_on": "0001-01-01"}, "Enter a date on or after 1 January 2000"),
        ({"ends_on": "9999-12-31"}, "Enter a date on or before "),
        ({"name": "Cohort 3\nNorth"}, "Use letters, numbers and punctuation only, on one line"),
        ({"status": "archived"}, "Select a valid choice"),
    ],
)
def test_bad_cohort_is_refused_with_a_message(client, world, changes, message):
    client.force_login(world.adviser)

    response = client.post(
        reverse("cohorts:create", args=[world.programme.pk]), cohort_data(**changes)
    )

    assert response.status_code == 200
    assert message in response.text
    assert "There is a problem" in response.text
    assert world.programme.cohorts.count() == 1


def test_cohort_edit_matrix(world):
    url = reverse("cohorts:edit", args=[world.cohort.pk])
    data = cohort_data(name="Cohort 2", starts_on="2026-04-01", ends_on="2027-03-31")
    assert_matrix(world, url, adviser_writes())
    assert_matrix(world, url, adviser_writes(302), method="post", data=data)


def test_cohort_dates_cannot_leave_its_sessions_outside(client, world):
    SessionFactory(cohort=world.cohort)  # 3 June 2026
    client.force_login(world.adviser)

    response = client.post(
        reverse("cohorts:edit", args=[world.cohort.pk]),
        cohort_data(name="Cohort 2", starts_on="2026-07-01", ends_on="2027-06-30"),
    )

    assert "1 session of this cohort would fall outside these dates" in response.text
    world.cohort.refresh_from_db()
    assert world.cohort.starts_on == datetime.date(2026, 4, 1)


def test_cohort_page_matrix(world):
    assert_matrix(world, reverse("cohorts:detail", args=[world.cohort.pk]), cohort_members_read())


def test_cohort_page_groups_people_with_counts_and_next_sessions(client, world, teaching_day):
    client.force_login(world.fellow)

    response = client.get(reverse("cohorts:detail", args=[world.cohort.pk]))

    groups = dict(response.context["groups"])
    assert [m.user for m in groups[Role.FELLOW]] == sorted(
        [world.owner, world.fellow], key=lambda u: u.name
    )
    assert [m.user for m in groups[Role.FACILITATOR]] == [world.facilitator]
    assert [m.user for m in groups[Role.ADVISER]] == [world.adviser]
    assert response.context["cohort"].session_count == 1
    assert "Remove" not in response.text
    assert "Edit cohort" not in response.text


@pytest.mark.parametrize(
    ("role", "sets", "sessions"),
    [("adviser", 2, 4), ("owner", 1, 2), ("fellow", 1, 3), ("mentor", 0, 1), ("facilitator", 1, 2)],
)
def test_cohort_page_counts_only_the_sets_and_sessions_the_person_may_see(
    client, world, learning_set, teaching_day, role, sets, sessions
):
    # The owner's set (facilitated by the world's facilitator) meets once; another set,
    # the fellow's, meets twice. Only their own people see a set's meetings.
    MeetingFactory(cohort=world.cohort, learning_set=learning_set)
    other = LearningSetFactory(cohort=world.cohort, name="Fleet")
    place(other, world.fellow)
    MeetingFactory.create_batch(2, cohort=world.cohort, learning_set=other)
    client.force_login(world.user(role))

    page = client.get(reverse("cohorts:detail", args=[world.cohort.pk]))
    timetable = client.get(reverse("cohorts:timetable", args=[world.cohort.pk]))

    cohort = page.context["cohort"]
    shown = len(timetable.context["upcoming"]) + len(timetable.context["past"])
    assert (cohort.set_count, cohort.session_count, shown) == (sets, sessions, sessions)


def test_facilitator_sees_only_their_sets_members(client, world, learning_set):
    client.force_login(world.facilitator)

    response = client.get(reverse("cohorts:detail", args=[world.cohort.pk]))

    fellows = dict(response.context["groups"])[Role.FELLOW]
    assert [m.user for m in fellows] == [world.owner]
    assert world.fellow.name not in response.text


def test_deactivate_matrix(world):
    membership = Membership.objects.get(user=world.owner, cohort=world.cohort)
    url = reverse("membership_deactivate", args=[membership.pk])
    assert_matrix(world, url, adviser_writes())
    assert_matrix(world, url, adviser_writes(302), method="post")


def test_removing_a_mentor_from_the_programme_matrix(world):
    # A programme membership: its advisers remove it; the mentor, as a member of the
    # programme, is refused; cohort people and outsiders are told there is no such page.
    membership = Membership.objects.get(user=world.mentor, programme=world.programme)
    url = reverse("membership_deactivate", args=[membership.pk])
    only_advisers = outcomes(adviser=200, mentor=403)

    assert_matrix(world, url, only_advisers)
    assert_matrix(world, url, only_advisers | {"adviser": 302}, method="post")


def test_an_adviser_is_not_removed_by_another(client, world):
    colleague = make_adviser(world.programme)
    membership = Membership.objects.get(user=colleague)
    client.force_login(world.adviser)

    response = client.post(reverse("membership_deactivate", args=[membership.pk]))

    assert response.status_code == 404
    assert Membership.objects.get(user=colleague).is_active


def test_deactivated_fellow_keeps_records_but_loses_the_cohort(client, world, learning_set):
    session = SessionFactory(cohort=world.cohort)
    AttendanceFactory(session=session, fellow=world.owner)
    IntakeInterviewFactory(cohort=world.cohort, fellow=world.owner)
    membership = Membership.objects.get(user=world.owner, cohort=world.cohort)
    client.force_login(world.adviser)

    response = client.post(reverse("membership_deactivate", args=[membership.pk]))

    assert response.status_code == 302
    membership.refresh_from_db()
    assert not membership.is_active
    assert membership.deactivated is not None
    assert Attendance.objects.filter(fellow=world.owner).count() == 1
    assert LearningSetMember.objects.filter(fellow=world.owner).count() == 1
    assert world.owner.intake_interviews.count() == 1
    client.force_login(world.owner)
    assert client.get(reverse("cohorts:detail", args=[world.cohort.pk])).status_code == 404


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("cohorts:themes", {"name": "Data\nand analytics"}),
        ("cohorts:learning_set_create", {"name": "Thames\t2", "confirm_size": "on"}),
        (
            "cohorts:session_create",
            {
                "kind": "teaching_day",
                "title": "Teaching day\r\nTwo",
                "date": "2026-06-03",
                "start_time": "09:30",
                "end_time": "16:30",
            },
        ),
    ],
)
def test_names_and_titles_are_one_line(client, world, url_name, data):
    place = world.programme if url_name == "cohorts:themes" else world.cohort
    client.force_login(world.adviser)

    response = client.post(reverse(url_name, args=[place.pk]), data)

    assert response.status_code == 200
    assert "Use letters, numbers and punctuation only, on one line" in response.text


@pytest.mark.parametrize(
    ("url_name", "data", "model"),
    [
        ("cohorts:themes", {"name": "Data \u202eand analytics"}, Theme),
        (
            "cohorts:learning_set_create",
            {"name": "Thames\u2066", "confirm_size": "on"},
            LearningSet,
        ),
        (
            "cohorts:session_create",
            {
                "kind": "teaching_day",
                "title": "Teaching day",
                "location": "Bush House\u202d, room 2",
                "date": "2026-06-03",
                "start_time": "09:30",
                "end_time": "16:30",
            },
            Session,
        ),
    ],
    ids=["theme", "learning set", "session place"],
)
def test_hidden_direction_characters_are_refused_in_names_titles_and_places(
    client, world, url_name, data, model
):
    place = world.programme if url_name == "cohorts:themes" else world.cohort
    before = model.objects.count()
    client.force_login(world.adviser)

    response = client.post(reverse(url_name, args=[place.pk]), data)

    assert response.status_code == 200
    assert "Remove the hidden characters that change the direction of the text" in response.text
    assert model.objects.count() == before
