import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.factories import CohortFactory, ProgrammeFactory, make_adviser, make_fellow
from mentoring.factories import BookingFactory, SlotFactory, days_ahead, make_mentor_profile
from mentoring.models import Booking, Slot

pytestmark = pytest.mark.django_db

# 2 of them record the download in the audit trail (the event, then whom it is about).
QUERIES_BOOKINGS_CSV = 7


@pytest.fixture
def sessions(mentoring):
    """Owner: one held (rated 4) and one booked; fellow: one no-show; one slot unused."""
    world = mentoring.world
    mentor = world.mentor
    past = [
        SlotFactory(mentor=mentor, programme=world.programme, starts_at=days_ahead(-n))
        for n in (10, 9, 8)
    ]
    BookingFactory(
        slot=past[0], fellow=world.owner, cohort=world.cohort, status="held", fellow_rating=4
    )
    BookingFactory(slot=past[1], fellow=world.fellow, cohort=world.cohort, status="no_show")
    BookingFactory(slot=mentoring.slot, fellow=world.owner, cohort=world.cohort)
    return past


def test_adviser_sees_uptake_per_fellow_and_mentor(client, mentoring, sessions):
    world = mentoring.world
    not_booked = make_fellow(world.cohort)
    client.force_login(world.adviser)

    response = client.get(reverse("mentoring:uptake", args=[world.programme.pk]))

    fellows = {
        row.user: (row.booked, row.held, row.no_shows) for row in response.context["fellows"]
    }
    assert fellows == {world.owner: (1, 1, 0), world.fellow: (0, 0, 1), not_booked: (0, 0, 0)}
    (mentor,) = response.context["mentors"]
    assert (mentor.offered, mentor.unused, mentor.booked, mentor.held, mentor.no_shows) == (
        4,
        1,
        1,
        1,
        1,
    )
    assert mentor.mean_rating == 4.0
    assert [m.user for m in response.context["not_booked"]] == [not_booked]


def test_cohort_filter_narrows_the_fellows(client, mentoring, sessions):
    world = mentoring.world
    other_cohort = CohortFactory(programme=world.programme, name="Cohort 3")
    newcomer = make_fellow(other_cohort)
    client.force_login(world.adviser)

    response = client.get(
        reverse("mentoring:uptake", args=[world.programme.pk]), {"cohort": other_cohort.pk}
    )
    bad = client.get(reverse("mentoring:uptake", args=[world.programme.pk]), {"cohort": "x"})

    assert [row.user for row in response.context["fellows"]] == [newcomer]
    assert response.context["mentors"][0].held == 0
    assert bad.status_code == 200


def test_csv_export_streams_the_same_numbers(client, mentoring, sessions):
    world = mentoring.world
    client.force_login(world.adviser)

    fellows = client.get(reverse("mentoring:uptake_csv", args=[world.programme.pk, "fellows"]))
    mentors = client.get(reverse("mentoring:uptake_csv", args=[world.programme.pk, "mentors"]))
    unknown = client.get(reverse("mentoring:uptake_csv", args=[world.programme.pk, "notes"]))

    rows = list(csv.reader(io.StringIO(b"".join(fellows.streaming_content).decode("utf-8-sig"))))
    mentor_rows = list(
        csv.reader(io.StringIO(b"".join(mentors.streaming_content).decode("utf-8-sig")))
    )
    assert fellows["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0][:6] == ["Fellow", "Email", "Cohort", "Booked", "Held", "Did not attend"]
    owner_row = next(row for row in rows if row[1] == world.owner.email)
    assert owner_row[3:] == ["1", "1", "0", "0", "1"]
    assert mentor_rows[1][2:] == ["4", "1", "1", "1", "1", "1", "4.0"]
    assert unknown.status_code == 404


def test_csv_cells_cannot_run_as_formulas(client, mentoring):
    world = mentoring.world
    world.owner.name = '=HYPERLINK("http://evil.example")'
    world.owner.save()
    client.force_login(world.adviser)

    response = client.get(reverse("mentoring:uptake_csv", args=[world.programme.pk, "fellows"]))

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def grow(size: int):
    programme = ProgrammeFactory()
    adviser = make_adviser(programme)
    cohort = CohortFactory(programme=programme)
    fellows = [make_fellow(cohort) for _ in range(3)]
    slots = []
    for _ in range(size):
        profile = make_mentor_profile(programme)
        slots += [
            Slot(
                mentor=profile.user,
                programme=programme,
                starts_at=days_ahead(day),
                ends_at=days_ahead(day, 10, 30),
                location="Bush House",
            )
            for day in (-5, 4)
        ]
    made = Slot.objects.bulk_create(slots)
    Booking.objects.bulk_create(
        Booking(
            slot=slot,
            fellow=fellows[n % 3],
            cohort=cohort,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            agenda="Agenda",
            status="held",
            fellow_rating=4,
        )
        for n, slot in enumerate(made[::2][:3])
    )
    return adviser, programme


def test_uptake_queries_do_not_grow_with_mentors(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    adviser, programme = grow(5)
    client.force_login(adviser)
    # 13: the page's own, and the programme's stamp that keys its cached tables.
    with django_assert_max_num_queries(13) as small_run:
        client.get(reverse("mentoring:uptake", args=[programme.pk]))

    adviser, programme = grow(100)
    client.force_login(adviser)
    with django_assert_num_queries(len(small_run.captured_queries)):
        response = client.get(reverse("mentoring:uptake", args=[programme.pk]))

    print(f"\nuptake queries: 5 mentors {len(small_run.captured_queries)}, 100 mentors same")
    assert len(response.context["mentors"]) == 100


def test_the_fellows_table_comes_fifty_a_page_and_the_csv_has_everyone(client):
    programme = ProgrammeFactory()
    cohort = CohortFactory(programme=programme)
    for _ in range(60):
        make_fellow(cohort)
    client.force_login(make_adviser(programme))
    url = reverse("mentoring:uptake", args=[programme.pk])

    first, second = client.get(url), client.get(url, {"page": 2})
    export = client.get(reverse("mentoring:uptake_csv", args=[programme.pk, "fellows"]))

    assert len(list(first.context["fellows"])) == 50
    assert len(list(second.context["fellows"])) == 10
    assert 'aria-label="Pages of fellows"' in first.text
    lines = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 60


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def test_adviser_downloads_every_booking_as_csv(client, mentoring, sessions):
    world = mentoring.world
    elsewhere = make_mentor_profile(world.other_programme)
    BookingFactory(
        slot=SlotFactory(mentor=elsewhere.user, programme=world.other_programme),
        fellow=world.other_cohort_fellow,
        cohort=world.other_cohort,
    )
    client.force_login(world.adviser)

    response = client.get(reverse("mentoring:uptake_csv", args=[world.programme.pk, "bookings"]))
    page = client.get(reverse("mentoring:uptake", args=[world.programme.pk]))

    rows = read_csv(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0][:8] == [
        "Starts (UK time)",
        "Ends (UK time)",
        "Mentor",
        "Mentor email",
        "Fellow",
        "Fellow email",
        "Cohort",
        "Status",
    ]
    assert [(row[4], row[7], row[11]) for row in rows[1:]] == [
        (world.owner.name, "Held", "4"),
        (world.fellow.name, "Did not attend", ""),
        (world.owner.name, "Booked", ""),
    ]
    assert rows[3][0] == "2026-02-05 10:00"
    assert {row[2] for row in rows[1:]} == {world.mentor.name}
    assert reverse("mentoring:uptake_csv", args=[world.programme.pk, "bookings"]) in page.text


def test_bookings_csv_keeps_to_the_chosen_cohort(client, mentoring, sessions):
    world = mentoring.world
    other_cohort = CohortFactory(programme=world.programme, name="Cohort 3")
    newcomer = make_fellow(other_cohort)
    BookingFactory(
        slot=SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(5)),
        fellow=newcomer,
        cohort=other_cohort,
    )
    client.force_login(world.adviser)

    response = client.get(
        reverse("mentoring:uptake_csv", args=[world.programme.pk, "bookings"]),
        {"cohort": other_cohort.pk},
    )

    assert [row[4] for row in read_csv(response)[1:]] == [newcomer.name]


def test_bookings_csv_runs_the_same_queries_at_any_size(client, mentoring):
    world = mentoring.world
    client.force_login(world.adviser)
    url = reverse("mentoring:uptake_csv", args=[world.programme.pk, "bookings"])
    client.get(url)  # warm the session and role caches

    def add_held(count, first):
        for n in range(count):
            slot = SlotFactory(
                mentor=world.mentor, programme=world.programme, starts_at=days_ahead(first + n)
            )
            BookingFactory(
                slot=slot, fellow=make_fellow(world.cohort), cohort=world.cohort, status="held"
            )

    def measured():
        with CaptureQueriesContext(connection) as queries:
            rows = read_csv(client.get(url))
        return len(queries), len(rows)

    add_held(1, -30)
    small = measured()
    add_held(11, -25)
    large = measured()

    assert (small[1], large[1]) == (2, 13)
    assert small[0] == large[0] <= QUERIES_BOOKINGS_CSV
