import pytest
import time_machine
from django.urls import reverse

from accounts.factories import make_fellow
from cohorts.factories import AttendanceFactory, SessionFactory, london
from cohorts.models import Attendance
from tests.matrix import adviser_writes, assert_matrix, meeting_runners

pytestmark = pytest.mark.django_db

PRESENT, APOLOGIES, ABSENT = Attendance.Status.values


def take(session):
    return reverse("cohorts:attendance_take", args=[session.pk])


def marks(**by_user) -> dict:
    return {f"fellow_{user.pk}": status for user, status in by_user.values()}


def test_take_attendance_matrix(world, teaching_day, meeting):
    everyone = {"a": (world.owner, PRESENT), "b": (world.fellow, ABSENT)}
    assert_matrix(world, take(teaching_day), adviser_writes())
    assert_matrix(
        world, take(teaching_day), adviser_writes(302), method="post", data=marks(**everyone)
    )
    own_set = marks(a=(world.owner, PRESENT))
    assert_matrix(world, take(meeting), meeting_runners())
    assert_matrix(world, take(meeting), meeting_runners(302), method="post", data=own_set)


def test_adviser_marks_every_expected_fellow_in_one_form(client, world, teaching_day):
    client.force_login(world.adviser)

    page = client.get(take(teaching_day))
    response = client.post(
        take(teaching_day), marks(a=(world.owner, PRESENT), b=(world.fellow, APOLOGIES))
    )

    assert [m.user for m in page.context["fellows"]] == sorted(
        [world.owner, world.fellow], key=lambda u: (u.name, u.pk)
    )
    assert response["Location"] == reverse("cohorts:session_detail", args=[teaching_day.pk])
    recorded = dict(teaching_day.attendance.values_list("fellow", "status"))
    assert recorded == {world.owner.pk: PRESENT, world.fellow.pk: APOLOGIES}
    assert set(teaching_day.attendance.values_list("recorded_by", flat=True)) == {world.adviser.pk}


def test_marking_again_changes_the_record(client, world, teaching_day):
    AttendanceFactory(session=teaching_day, fellow=world.owner, status=ABSENT)
    client.force_login(world.adviser)

    client.post(take(teaching_day), marks(a=(world.owner, PRESENT), b=(world.fellow, PRESENT)))

    assert teaching_day.attendance.get(fellow=world.owner).status == PRESENT
    assert teaching_day.attendance.count() == 2


def test_a_partial_save_keeps_what_was_chosen_and_names_the_rest_once(client, world, teaching_day):
    third = make_fellow(world.cohort, user__name="Zara Quinn")
    client.force_login(world.adviser)

    response = client.post(take(teaching_day), marks(a=(world.owner, PRESENT)), follow=True)

    assert dict(teaching_day.attendance.values_list("fellow", "status")) == {
        world.owner.pk: PRESENT
    }
    assert response.redirect_chain == [(take(teaching_day), 302)]
    notices = [str(message) for message in response.context["messages"]]
    assert notices == [
        f"Attendance saved for 1 fellow. Still to mark: {world.fellow.name}, {third.name}"
    ]
    assert response.text.count(world.fellow.name) == 2  # its radios' legend and the notice
    form = response.context["form"]
    assert form[f"fellow_{world.owner.pk}"].value() == PRESENT
    assert form[f"fellow_{world.fellow.pk}"].value() is None


def test_saving_with_nobody_marked_asks_for_one_and_saves_nothing(client, world, teaching_day):
    client.force_login(world.adviser)

    response = client.post(take(teaching_day), {})

    assert response.status_code == 200
    assert "Choose present, apologies or absent for at least one fellow" in response.text
    assert response.text.count("Choose present, apologies or absent") == 1
    assert not Attendance.objects.exists()


def test_mark_everyone_present_fills_every_choice_then_exceptions_are_changed(
    client, world, teaching_day
):
    AttendanceFactory(session=teaching_day, fellow=world.fellow, status=ABSENT)
    client.force_login(world.adviser)

    page = client.get(take(teaching_day), {"everyone": "present"})
    chosen = {name: page.context["form"][name].value() for name in page.context["form"].fields}
    client.post(take(teaching_day), chosen | marks(b=(world.fellow, APOLOGIES)))

    assert set(chosen.values()) == {PRESENT}
    assert "Everyone is marked present" in page.text
    assert dict(teaching_day.attendance.values_list("fellow", "status")) == {
        world.owner.pk: PRESENT,
        world.fellow.pk: APOLOGIES,
    }


def test_the_register_offers_mark_everyone_present_as_a_link(client, world, teaching_day):
    client.force_login(world.adviser)

    page = client.get(take(teaching_day))

    assert 'href="?everyone=present"' in page.text
    assert page.context["form"][f"fellow_{world.owner.pk}"].value() is None


@time_machine.travel(london(2026, 6, 3, 9, 0), tick=False)
def test_attendance_cannot_be_taken_before_the_session_starts(client, world, teaching_day):
    client.force_login(world.adviser)

    page = client.get(take(teaching_day))
    posted = client.post(take(teaching_day), marks(a=(world.owner, PRESENT)))
    detail = client.get(reverse("cohorts:session_detail", args=[teaching_day.pk]))

    assert "This session has not started yet" in page.text
    assert "form" not in page.context
    assert "Save attendance" not in page.text
    assert posted.status_code == 200
    assert "This session has not started yet" in posted.text
    assert not Attendance.objects.exists()
    assert "Take attendance" not in detail.text
    assert "You can take attendance once the session starts" in detail.text


@time_machine.travel(london(2026, 6, 3, 9, 30), tick=False)
def test_attendance_can_be_taken_from_the_start_time(client, world, teaching_day):
    client.force_login(world.adviser)

    client.post(take(teaching_day), marks(a=(world.owner, PRESENT)))

    assert teaching_day.attendance.get().fellow == world.owner


def test_an_unknown_status_is_refused(client, world, teaching_day):
    client.force_login(world.adviser)

    response = client.post(
        take(teaching_day), marks(a=(world.owner, "late"), b=(world.fellow, PRESENT))
    )

    assert "Select a valid choice" in response.text
    assert not Attendance.objects.exists()


def test_a_meeting_expects_only_its_sets_fellows(client, world, meeting):
    stranger = world.other_cohort_fellow
    client.force_login(world.facilitator)

    page = client.get(take(meeting))
    client.post(
        take(meeting),
        marks(a=(world.owner, PRESENT), b=(world.fellow, ABSENT), c=(stranger, ABSENT)),
    )

    assert [m.user for m in page.context["fellows"]] == [world.owner]
    assert dict(meeting.attendance.values_list("fellow", "status")) == {world.owner.pk: PRESENT}


def test_a_fellow_sees_their_own_record_only(client, world, teaching_day):
    AttendanceFactory(session=teaching_day, fellow=world.owner, status=APOLOGIES)
    AttendanceFactory(session=teaching_day, fellow=world.fellow, status=ABSENT)
    client.force_login(world.owner)

    response = client.get(reverse("cohorts:session_detail", args=[teaching_day.pk]))

    assert response.context["own"] == APOLOGIES
    assert "Apologies" in response.text
    assert "Absent" not in response.text
    assert "Take attendance" not in response.text


def test_attendance_summary_matrix(world):
    assert_matrix(
        world, reverse("cohorts:attendance_summary", args=[world.cohort.pk]), adviser_writes()
    )


@time_machine.travel(london(2026, 7, 1, 12, 0), tick=False)
def test_summary_gives_rates_and_flags_fellows_under_75_percent(client, world, meeting):
    sessions = [
        SessionFactory(
            cohort=world.cohort,
            starts_at=london(2026, 5, day, 9, 30),
            ends_at=london(2026, 5, day, 16, 30),
        )
        for day in (5, 12, 19, 26)
    ]
    newcomer = make_fellow(world.cohort)  # nothing recorded yet
    owner = [PRESENT, PRESENT, PRESENT, APOLOGIES]  # 3 of 4: 75%, not flagged
    fellow = [PRESENT, ABSENT, APOLOGIES, PRESENT]  # 2 of 4: 50%, flagged
    for session, mine, theirs in zip(sessions, owner, fellow, strict=True):
        AttendanceFactory(session=session, fellow=world.owner, status=mine)
        AttendanceFactory(session=session, fellow=world.fellow, status=theirs)
    client.force_login(world.adviser)

    response = client.get(reverse("cohorts:attendance_summary", args=[world.cohort.pk]))

    rows = {row.user: row for row in response.context["fellows"]}
    assert (rows[world.owner].present, rows[world.owner].apologies, rows[world.owner].rate) == (
        3,
        1,
        75,
    )
    assert (rows[world.fellow].absent, rows[world.fellow].rate) == (1, 50)
    assert rows[newcomer].rate is None
    assert [row.user for row in response.context["flagged"]] == [world.fellow]
    by_session = {s.pk: s for s in response.context["sessions"]}
    first = by_session[sessions[1].pk]
    assert (first.expected, first.present, first.absent) == (3, 1, 1)
    assert by_session[meeting.pk].expected == 1
