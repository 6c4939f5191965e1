import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from cohorts.factories import SessionFactory, london
from tests.matrix import assert_matrix, signed_in

pytestmark = pytest.mark.django_db

TODAY = london(2026, 5, 1, 12, 0)


def feed(client, user):
    return client.get(reverse("calendar_feed", args=[user.calendar_token]))


def events(response) -> dict[str, object]:
    return {str(e["SUMMARY"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


@time_machine.travel(TODAY, tick=False)
def test_feed_answers_text_calendar_without_signing_in(client, world, teaching_day):
    response = feed(client, world.owner)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert list(events(response)) == ["Teaching day 1"]


@time_machine.travel(TODAY, tick=False)
def test_feed_holds_a_fellows_sessions_and_only_their_own_sets_meetings(
    client, world, teaching_day, meeting
):
    elsewhere = SessionFactory(cohort=world.other_cohort)

    owner = events(feed(client, world.owner))
    fellow = events(feed(client, world.fellow))
    facilitator = events(feed(client, world.facilitator))

    assert sorted(owner) == ["Teaching day 1", "Thames meeting 1"]
    assert sorted(fellow) == ["Teaching day 1"]
    assert sorted(facilitator) == ["Thames meeting 1"]
    assert elsewhere.title not in owner
    assert str(owner["Teaching day 1"]["UID"]) == f"session-{teaching_day.pk}@pioneer.invalid"


@time_machine.travel(TODAY, tick=False)
def test_an_edited_session_keeps_its_uid_and_raises_its_sequence(client, world, teaching_day):
    before = events(feed(client, world.owner))["Teaching day 1"]
    client.force_login(world.adviser)
    client.post(
        reverse("cohorts:session_edit", args=[teaching_day.pk]),
        {
            "kind": teaching_day.kind,
            "title": "Teaching day 1",
            "date": "2026-06-03",
            "start_time": "10:00",
            "end_time": "16:00",
            "location": "Guy's Hospital",
        },
    )

    after = events(feed(client, world.owner))["Teaching day 1"]

    assert after["UID"] == before["UID"]
    assert (before["SEQUENCE"], after["SEQUENCE"]) == (0, 1)
    assert after.decoded("DTSTART") == london(2026, 6, 3, 10, 0)


@time_machine.travel(TODAY, tick=False)
def test_sessions_keep_their_uk_time_either_side_of_the_clock_change(client, world):
    # The clocks go back on Sunday 25 October 2026.
    SessionFactory(
        cohort=world.cohort,
        title="Before",
        starts_at=london(2026, 10, 20, 10, 0),
        ends_at=london(2026, 10, 20, 12, 0),
    )
    SessionFactory(
        cohort=world.cohort,
        title="After",
        starts_at=london(2026, 10, 27, 10, 0),
        ends_at=london(2026, 10, 27, 12, 0),
    )

    found = events(feed(client, world.owner))

    for title in ("Before", "After"):
        start = found[title].decoded("DTSTART")
        assert (start.hour, str(start.tzinfo)) == (10, "Europe/London")


def test_unknown_or_inactive_token_is_not_found(client, world):
    world.fellow.is_active = False
    world.fellow.save()

    assert client.get(reverse("calendar_feed", args=["not-a-token"])).status_code == 404
    assert feed(client, world.fellow).status_code == 404


@pytest.mark.parametrize(
    "path", ["/calendar/%00.ics", "/calendar/abc%00def.ics", "/calendar/a%20b.ics"]
)
def test_a_token_of_the_wrong_shape_is_not_found(client, db, path):
    assert client.get(path).status_code == 404


def test_calendar_page_matrix(world):
    assert_matrix(world, reverse("calendar"), signed_in())
    assert_matrix(world, reverse("calendar_reset"), signed_in(302), method="post")


def test_calendar_page_shows_the_subscribe_address(client, world):
    client.force_login(world.owner)

    response = client.get(reverse("calendar"))

    assert f"http://testserver/calendar/{world.owner.calendar_token}.ics" in response.text


def test_a_new_address_stops_the_old_one_working(client, world):
    old_token = world.owner.calendar_token
    client.force_login(world.owner)

    response = client.post(reverse("calendar_reset"))

    world.owner.refresh_from_db()
    assert response["Location"] == reverse("calendar")
    assert world.owner.calendar_token != old_token
    assert client.get(reverse("calendar_feed", args=[old_token])).status_code == 404
    assert feed(client, world.owner).status_code == 200
