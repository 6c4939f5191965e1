import csv
import io

import pytest
import time_machine
from django.urls import reverse

from accounts.factories import make_fellow
from cohorts.factories import AttendanceFactory, SessionFactory, london
from cohorts.models import Attendance
from tests.matrix import adviser_writes, assert_matrix, meeting_runners

pytestmark = pytest.mark.django_db

PRESENT, APOLOGIES, ABSENT = Attendance.Status.values


def register(session):
    return reverse("cohorts:register_csv", args=[session.pk])


def summary(cohort):
    return reverse("cohorts:attendance_summary_csv", args=[cohort.pk])


def table(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_register_csv_matrix(world, teaching_day, meeting):
    assert_matrix(world, register(teaching_day), adviser_writes())
    # A meeting's register: the set's facilitator runs it but only advisers export.
    assert_matrix(world, register(meeting), meeting_runners() | {"facilitator": 403})


def by_session(cohort):
    return reverse("cohorts:session_attendance_csv", args=[cohort.pk])


def test_summary_csv_matrix(world):
    assert_matrix(world, summary(world.cohort), adviser_writes())
    assert_matrix(world, by_session(world.cohort), adviser_writes())


@time_machine.travel(london(2026, 7, 1, 12, 0), tick=False)
def test_by_session_csv_counts_each_started_session(client, world, teaching_day, meeting):
    SessionFactory(cohort=world.cohort, title="Later", starts_at=london(2026, 9, 1, 9, 30))
    AttendanceFactory(session=teaching_day, fellow=world.owner, status=PRESENT)
    AttendanceFactory(session=teaching_day, fellow=world.fellow, status=ABSENT)
    AttendanceFactory(session=meeting, fellow=world.owner, status=APOLOGIES)
    client.force_login(world.adviser)

    rows = table(client.get(by_session(world.cohort)))

    assert rows[0][:5] == ["Session", "Starts (UK time)", "Type", "Learning set", "Expected"]
    assert sorted(rows[1:]) == sorted([
        ["Teaching day 1", "2026-06-03 09:30", "Teaching day", "", "2", "1", "0", "1"],
        ["Thames meeting 1", "2026-06-03 09:30", "Learning set meeting", "Thames",
         "1", "0", "1", "0"],
    ])  # fmt: skip


def test_register_csv_lists_every_expected_fellow_with_their_record(client, world, teaching_day):
    AttendanceFactory(
        session=teaching_day,
        fellow=world.owner,
        status=APOLOGIES,
        recorded_by=world.adviser,
        recorded_at=london(2026, 6, 3, 17, 5),
    )
    client.force_login(world.adviser)

    response = client.get(register(teaching_day))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "teaching-day-1" in response["Content-Disposition"]
    assert table(response) == [
        ["Fellow", "Email", "Attendance", "Recorded by", "Recorded at (UK time)"],
        [world.owner.name, world.owner.email, "Apologies", world.adviser.name, "2026-06-03 17:05"],
        [world.fellow.name, world.fellow.email, "Not recorded", "", ""],
    ]


def test_summary_csv_gives_each_fellows_counts_and_rate(client, world):
    days = [
        SessionFactory(cohort=world.cohort, starts_at=london(2026, 5, day, 9, 30))
        for day in (5, 12, 19, 26)
    ]
    for session, status in zip(days, [PRESENT, PRESENT, ABSENT, APOLOGIES], strict=True):
        AttendanceFactory(session=session, fellow=world.owner, status=status)
    client.force_login(world.adviser)

    rows = table(client.get(summary(world.cohort)))

    assert rows[0] == ["Fellow", "Email", "Present", "Apologies", "Absent", "Recorded", "Rate (%)"]
    assert rows[1:] == [
        [world.owner.name, world.owner.email, "2", "1", "1", "4", "50"],
        [world.fellow.name, world.fellow.email, "0", "0", "0", "0", ""],
    ]


def test_attendance_csv_cells_cannot_run_as_formulas(client, world, teaching_day):
    world.owner.name = '=HYPERLINK("http://evil.example")'
    world.owner.save()
    client.force_login(world.adviser)

    for url in (register(teaching_day), summary(world.cohort)):
        rows = table(client.get(url))
        assert ["'=HYPERLINK" in row[0] for row in rows[1:]].count(True) == 1


def test_the_pages_link_their_csv(client, world, teaching_day):
    client.force_login(world.adviser)

    take = client.get(reverse("cohorts:attendance_take", args=[teaching_day.pk]))
    page = client.get(reverse("cohorts:attendance_summary", args=[world.cohort.pk]))

    assert register(teaching_day) in take.text
    assert summary(world.cohort) in page.text
    assert by_session(world.cohort) in page.text


def test_a_facilitator_is_not_offered_the_register_csv(client, world, meeting):
    client.force_login(world.facilitator)

    page = client.get(reverse("cohorts:attendance_take", args=[meeting.pk]))

    assert register(meeting) not in page.text


@pytest.mark.parametrize("export", ["register", "summary", "by_session"])
def test_attendance_csv_runs_the_same_queries_at_2_and_40_fellows(
    client, world, teaching_day, export, django_assert_max_num_queries, django_assert_num_queries
):
    urls = {"register": register(teaching_day), "summary": summary(world.cohort)}
    url = urls.get(export) or by_session(world.cohort)
    client.force_login(world.adviser)

    def download():
        return table(client.get(url))

    with django_assert_max_num_queries(8) as small:  # 2 record the download (audit)
        few = download()
    for _ in range(38):
        AttendanceFactory(session=teaching_day, fellow=make_fellow(world.cohort))
    with django_assert_num_queries(len(small.captured_queries)):
        many = download()

    if export == "by_session":  # one session, its counts grown
        assert [row[4] for row in few[1:]] + [row[4] for row in many[1:]] == ["2", "40"]
    else:
        assert (len(few), len(many)) == (3, 41)
