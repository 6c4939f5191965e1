import datetime

import pytest
import time_machine
from django.urls import reverse

from cohorts.factories import AttendanceFactory, LearningSetFactory, SessionFactory, london
from cohorts.models import Session
from tests.matrix import (
    adviser_writes,
    assert_matrix,
    cohort_members_read,
    meeting_runners,
    set_matrix,
    signed_in,
)

pytestmark = pytest.mark.django_db

# The factory cohort runs from 1 April 2026 to 31 March 2027; "today" is in May.
TODAY = london(2026, 5, 1, 12, 0)


def session_data(**changes):
    data = {
        "kind": Session.Kind.TEACHING_DAY,
        "title": "Teaching day 2: User-centred design",
        "date": "2026-06-03",
        "start_time": "09:30",
        "end_time": "16:30",
        "location": "Guy's Hospital, London SE1 9RT",
        "online_link": "",
        "description": "",
    }
    return data | changes


def test_session_create_matrix(world):
    url = reverse("cohorts:session_create", args=[world.cohort.pk])
    assert_matrix(world, url, adviser_writes())
    assert_matrix(world, url, adviser_writes(302), method="post", data=session_data())


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [("2026-06-03", 8), ("2026-11-04", 9)],  # British Summer Time, then GMT
)
def test_session_is_entered_in_uk_time_and_stored_in_utc(client, world, day, utc_hour):
    client.force_login(world.adviser)

    response = client.post(
        reverse("cohorts:session_create", args=[world.cohort.pk]), session_data(date=day)
    )

    session = Session.objects.get()
    assert response["Location"] == reverse("cohorts:session_detail", args=[session.pk])
    assert session.starts_at.astimezone(datetime.UTC).hour == utc_hour
    assert session.starts_at.astimezone(datetime.UTC).minute == 30
    page = client.get(response["Location"])
    assert "09:30 to 16:30" in page.text


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_time": "09:00"}, "The end time must be after the start time"),
        (
            {"date": "2027-05-04"},
            "The date must be within the cohort, 1 April 2026 to 31 March 2027",
        ),
        ({"kind": Session.Kind.LEARNING_SET_MEETING}, "Choose the learning set that is meeting"),
        ({"date": "2027-03-28", "start_time": "01:15"}, "because the clocks go forward"),
        ({"online_link": "not a link"}, "Enter a valid URL"),
        ({"date": "2026-02-31"}, "Enter a valid date"),
        ({"date": "9999-12-31"}, "Enter a date on or before "),
        ({"title": ""}, "This field is required"),
    ],
)
def test_bad_session_is_refused_with_a_message(client, world, changes, message):
    client.force_login(world.adviser)

    response = client.post(
        reverse("cohorts:session_create", args=[world.cohort.pk]), session_data(**changes)
    )

    assert response.status_code == 200
    assert message in response.text
    assert "There is a problem" in response.text
    assert not Session.objects.exists()


def test_only_meetings_belong_to_a_set(client, world, learning_set):
    client.force_login(world.adviser)

    response = client.post(
        reverse("cohorts:session_create", args=[world.cohort.pk]),
        session_data(learning_set=learning_set.pk),
    )

    assert "Only learning set meetings belong to a set" in response.text
    assert not Session.objects.exists()


def test_a_set_of_another_cohort_cannot_be_chosen(client, world):
    elsewhere = LearningSetFactory(cohort=world.other_cohort)
    client.force_login(world.adviser)

    response = client.post(
        reverse("cohorts:session_create", args=[world.cohort.pk]),
        session_data(kind=Session.Kind.LEARNING_SET_MEETING, learning_set=elsewhere.pk),
    )

    assert "Select a valid choice" in response.text
    assert not Session.objects.exists()


def test_timetable_matrix(world, teaching_day):
    assert_matrix(
        world, reverse("cohorts:timetable", args=[world.cohort.pk]), cohort_members_read()
    )


@pytest.mark.parametrize(
    ("role", "sees_meeting"),
    [
        ("adviser", True),
        ("owner", True),
        ("facilitator", True),
        ("fellow", False),
        ("mentor", False),
    ],
)
def test_set_meetings_show_only_to_the_set_and_those_who_run_it(
    client, world, teaching_day, meeting, role, sees_meeting
):
    client.force_login(getattr(world, role))

    response = client.get(reverse("cohorts:timetable", args=[world.cohort.pk]))

    shown = response.context["upcoming"] + response.context["past"]
    assert teaching_day in shown
    assert (meeting in shown) is sees_meeting
    assert ("Thames meeting 1" in response.text) is sees_meeting


def test_session_detail_matrix(world, teaching_day, meeting):
    assert_matrix(
        world,
        reverse("cohorts:session_detail", args=[teaching_day.pk]),
        cohort_members_read(),
    )
    assert_matrix(world, reverse("cohorts:session_detail", args=[meeting.pk]), set_matrix())


def test_session_edit_matrix(world, teaching_day, meeting):
    data = session_data(title="Moved")
    day = reverse("cohorts:session_edit", args=[teaching_day.pk])
    assert_matrix(world, day, adviser_writes())
    assert_matrix(world, day, adviser_writes(302), method="post", data=data)
    own = reverse("cohorts:session_edit", args=[meeting.pk])
    assert_matrix(world, own, meeting_runners())
    assert_matrix(world, own, meeting_runners(302), method="post", data=data)


def test_editing_a_session_raises_its_sequence_and_keeps_its_id(client, world, teaching_day):
    client.force_login(world.adviser)

    client.post(
        reverse("cohorts:session_edit", args=[teaching_day.pk]),
        session_data(start_time="10:00", end_time="15:00"),
    )

    teaching_day.refresh_from_db()
    assert teaching_day.sequence == 1
    assert teaching_day.starts_at == london(2026, 6, 3, 10, 0)
    assert Session.objects.count() == 1


def test_facilitator_cannot_move_a_meeting_to_another_set(client, world, meeting):
    other = LearningSetFactory(cohort=world.cohort, facilitator=world.facilitator)
    client.force_login(world.facilitator)

    client.post(
        reverse("cohorts:session_edit", args=[meeting.pk]),
        session_data(kind=Session.Kind.TEACHING_DAY, learning_set=other.pk, title="Moved"),
    )

    meeting.refresh_from_db()
    assert (meeting.title, meeting.kind, meeting.learning_set_id) == (
        "Moved",
        Session.Kind.LEARNING_SET_MEETING,
        meeting.learning_set_id,
    )
    assert meeting.learning_set_id != other.pk


def test_session_delete_matrix(world, teaching_day):
    url = reverse("cohorts:session_delete", args=[teaching_day.pk])
    assert_matrix(world, url, adviser_writes())
    assert_matrix(world, url, adviser_writes(302), method="post")


def test_a_session_with_attendance_is_not_deleted(client, world, teaching_day):
    AttendanceFactory(session=teaching_day, fellow=world.owner)
    client.force_login(world.adviser)

    response = client.post(reverse("cohorts:session_delete", args=[teaching_day.pk]))

    assert response.status_code == 200
    assert "Attendance has been taken for this session" in response.text
    assert Session.objects.filter(pk=teaching_day.pk).exists()


def test_my_timetable_matrix(world):
    assert_matrix(world, reverse("cohorts:my_timetable"), signed_in())


@time_machine.travel(TODAY, tick=False)
def test_my_timetable_lists_sessions_to_come_that_the_person_may_see(
    client, world, teaching_day, meeting
):
    past = SessionFactory(
        cohort=world.cohort, starts_at=london(2026, 4, 20, 9), ends_at=london(2026, 4, 20, 16)
    )
    elsewhere = SessionFactory(cohort=world.other_cohort)
    client.force_login(world.fellow)

    response = client.get(reverse("cohorts:my_timetable"))

    assert response.context["sessions"] == [teaching_day]
    assert past.title not in response.text
    assert elsewhere.title not in response.text
