"""PRODUCT.md's permission matrix for every mentoring page, role by role, GET and POST.

`owner` has booked the world's mentor; `fellow` is another fellow of the same cohort
and must never see the owner's booking or agenda (IDOR).
"""

import uuid

import pytest
from django.urls import reverse

from mentoring.factories import SlotFactory, days_ahead, make_mentor_profile
from mentoring.models import Booking, Slot, WaitlistEntry
from mentoring.services import bookings as services
from tests.matrix import LOGIN, adviser_only, assert_matrix, expect

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(mentoring):
    world = mentoring.world
    booking = services.booking_create(slot=mentoring.slot, fellow=world.owner, agenda="Private")
    free = SlotFactory(mentor=world.mentor, programme=world.programme, starts_at=days_ahead(6))
    # The booked slot and the free one make a weekly series, for removing a series.
    Slot.objects.filter(pk__in=[mentoring.slot.pk, free.pk]).update(series=uuid.uuid4())
    entry = WaitlistEntry.objects.create(
        mentor=world.mentor,
        fellow=world.owner,
        programme=world.programme,
        expires_at=days_ahead(30),
    )
    return {
        "world": world,
        "profile": mentoring.profile.pk,
        "booking": booking.pk,
        "slot": mentoring.slot.pk,
        "free": free.pk,
        "entry": entry.pk,
        "programme": world.programme.pk,
    }


# A booking of the owner's: the owner, its mentor and the programme's advisers see it.
BOOKING_VIEW = expect(404, anonymous=LOGIN, adviser=200, owner=200, mentor=200)
# Only the owner acts on it; the others who may see it get 403.
BOOKING_CHANGE = expect(404, anonymous=LOGIN, adviser=403, owner=200, mentor=403)
# A slot: the programme's fellows and advisers know it, only its mentor changes it.
SLOT_CHANGE = expect(404, anonymous=LOGIN, adviser=403, owner=403, fellow=403, mentor=200)
MENTOR_ONLY = expect(404, anonymous=LOGIN, mentor=200)


def with_status(matrix, status, *roles):
    return {**matrix, **dict.fromkeys(roles, status)}


GETS = [
    (
        "directory",
        lambda p: reverse("mentoring:directory"),
        expect(200, anonymous=LOGIN, mentor=403, facilitator=403),
    ),
    (
        "mentor_detail",
        lambda p: reverse("mentoring:mentor_detail", args=[p["profile"]]),
        expect(404, anonymous=LOGIN, adviser=200, owner=200, fellow=200, mentor=200),
    ),
    (
        "book",
        lambda p: reverse("mentoring:book", args=[p["free"]]),
        expect(404, anonymous=LOGIN, adviser=403, owner=200, fellow=200, mentor=403),
    ),
    (
        "bookings",
        lambda p: reverse("mentoring:bookings"),
        expect(200, anonymous=LOGIN, adviser=403, other_adviser=403, facilitator=403),
    ),
    (
        "booking_detail",
        lambda p: reverse("mentoring:booking_detail", args=[p["booking"]]),
        BOOKING_VIEW,
    ),
    (
        "booking_cancel",
        lambda p: reverse("mentoring:booking_cancel", args=[p["booking"]]),
        BOOKING_CHANGE,
    ),
    (
        "booking_reschedule",
        lambda p: reverse("mentoring:booking_reschedule", args=[p["booking"]]),
        BOOKING_CHANGE,
    ),
    (
        "booking_feedback",
        lambda p: reverse("mentoring:booking_feedback", args=[p["booking"]]),
        BOOKING_CHANGE,
    ),
    (
        "booking_outcome",
        lambda p: reverse("mentoring:booking_outcome", args=[p["booking"]]),
        expect(404, anonymous=LOGIN, adviser=403, owner=403, mentor=200),
    ),
    (
        "availability",
        lambda p: reverse("mentoring:availability"),
        expect(403, anonymous=LOGIN, mentor=200),
    ),
    (
        "profile_edit",
        lambda p: reverse("mentoring:profile_edit", args=[p["programme"]]),
        MENTOR_ONLY,
    ),
    ("slot_add", lambda p: reverse("mentoring:slot_add", args=[p["programme"]]), MENTOR_ONLY),
    (
        "slots_weekly",
        lambda p: reverse("mentoring:slots_weekly", args=[p["programme"]]),
        MENTOR_ONLY,
    ),
    ("slot_edit", lambda p: reverse("mentoring:slot_edit", args=[p["free"]]), SLOT_CHANGE),
    ("slot_cancel", lambda p: reverse("mentoring:slot_cancel", args=[p["slot"]]), SLOT_CHANGE),
    (
        "slot_series_remove",
        lambda p: reverse("mentoring:slot_series_remove", args=[p["free"]]),
        SLOT_CHANGE,
    ),
    ("uptake", lambda p: reverse("mentoring:uptake", args=[p["programme"]]), adviser_only()),
    (
        "uptake_csv",
        lambda p: reverse("mentoring:uptake_csv", args=[p["programme"], "fellows"]),
        adviser_only(),
    ),
    (
        "bookings_csv",
        lambda p: reverse("mentoring:uptake_csv", args=[p["programme"], "bookings"]),
        adviser_only(),
    ),
    (
        "rules_edit",
        lambda p: reverse("mentoring:rules_edit", args=[p["programme"]]),
        adviser_only(),
    ),
]

SLOT_FORM = {"day": "2026-02-20", "start": "16:00", "minutes": "30", "location": "Bush House"}

POSTS = [
    ("book", lambda p: reverse("mentoring:book", args=[p["free"]]), {"agenda": "Help"},
     expect(404, anonymous=LOGIN, adviser=403, owner=302, fellow=302, mentor=403)),
    ("waitlist_join", lambda p: reverse("mentoring:waitlist_join", args=[p["profile"]]), {},
     expect(404, anonymous=LOGIN, adviser=403, owner=302, fellow=302, mentor=403)),
    ("waitlist_leave", lambda p: reverse("mentoring:waitlist_leave", args=[p["entry"]]), {},
     expect(404, anonymous=LOGIN, owner=302)),
    ("booking_cancel", lambda p: reverse("mentoring:booking_cancel", args=[p["booking"]]), {},
     with_status(BOOKING_CHANGE, 302, "owner")),
    ("booking_reschedule",
     lambda p: reverse("mentoring:booking_reschedule", args=[p["booking"]]),
     lambda p: {"slot": p["free"]}, with_status(BOOKING_CHANGE, 302, "owner")),
    ("booking_feedback", lambda p: reverse("mentoring:booking_feedback", args=[p["booking"]]),
     {"rating": "5"}, BOOKING_CHANGE),
    ("booking_outcome", lambda p: reverse("mentoring:booking_outcome", args=[p["booking"]]),
     {"status": "held"}, expect(404, anonymous=LOGIN, adviser=403, owner=403, mentor=200)),
    ("profile_edit", lambda p: reverse("mentoring:profile_edit", args=[p["programme"]]),
     {"monthly_limit": "3", "bio": "Ask me about EPR go-lives."},
     with_status(MENTOR_ONLY, 302, "mentor")),
    ("slot_add", lambda p: reverse("mentoring:slot_add", args=[p["programme"]]), SLOT_FORM,
     with_status(MENTOR_ONLY, 302, "mentor")),
    ("slots_weekly", lambda p: reverse("mentoring:slots_weekly", args=[p["programme"]]),
     {"first_day": "2026-02-09", "last_day": "2026-02-20", "weekdays": ["0", "2"],
      "start": "16:00", "minutes": "30", "in_a_row": "1", "location": "Bush House"},
     with_status(MENTOR_ONLY, 302, "mentor")),
    ("slot_edit", lambda p: reverse("mentoring:slot_edit", args=[p["free"]]), SLOT_FORM,
     with_status(SLOT_CHANGE, 302, "mentor")),
    ("slot_remove", lambda p: reverse("mentoring:slot_remove", args=[p["free"]]), {},
     with_status(SLOT_CHANGE, 302, "mentor")),
    ("slot_cancel", lambda p: reverse("mentoring:slot_cancel", args=[p["slot"]]), {},
     with_status(SLOT_CHANGE, 302, "mentor")),
    ("slot_series_remove", lambda p: reverse("mentoring:slot_series_remove", args=[p["free"]]),
     {}, with_status(SLOT_CHANGE, 302, "mentor")),
    ("rules_edit", lambda p: reverse("mentoring:rules_edit", args=[p["programme"]]),
     {"min_notice_hours": "12", "cancellation_cutoff_hours": "6", "max_active_bookings": "2",
      "default_monthly_limit": "4", "min_slot_minutes": "15", "max_slot_minutes": "45"},
     with_status(adviser_only(), 302, "adviser")),
]  # fmt: skip


@pytest.mark.parametrize(("name", "url", "expected"), GETS, ids=[g[0] for g in GETS])
def test_get_matrix(place, name, url, expected):
    assert_matrix(place["world"], url(place), expected)


@pytest.mark.parametrize(("name", "url", "data", "expected"), POSTS, ids=[p[0] for p in POSTS])
def test_post_matrix(place, name, url, data, expected):
    payload = data(place) if callable(data) else data
    assert_matrix(place["world"], url(place), expected, method="post", data=payload)


def test_a_fellow_typing_another_programmes_id_sees_only_their_own(client, place):
    world = place["world"]
    client.force_login(world.other_cohort_fellow)

    response = client.get(reverse("mentoring:directory"), {"programme": world.programme.pk})

    assert response.context["programme"] == world.other_programme
    assert world.mentor.name not in response.text


def test_a_fellows_bookings_page_never_lists_another_fellows_booking(client, place):
    world = place["world"]
    client.force_login(world.fellow)

    response = client.get(reverse("mentoring:bookings"))

    assert list(response.context["fellow_upcoming"]) == []
    assert "Private" not in response.text
    assert world.owner.name not in response.text


def test_a_mentor_sees_only_their_own_slots_and_bookings(client, place):
    world = place["world"]
    other = SlotFactory(mentor=world.adviser, programme=world.programme, starts_at=days_ahead(7))
    client.force_login(world.mentor)

    availability = client.get(reverse("mentoring:availability"))
    bookings = client.get(reverse("mentoring:bookings"))

    assert other not in list(availability.context["slots"])
    assert [b.pk for b in bookings.context["mentor_upcoming"]] == [place["booking"]]


def test_another_mentor_of_the_programme_cannot_see_or_change_this_mentors_slots_or_bookings(
    client, place
):
    world = place["world"]
    other = make_mentor_profile(world.programme).user
    client.force_login(other)
    gets = [
        reverse("mentoring:booking_detail", args=[place["booking"]]),
        reverse("mentoring:booking_outcome", args=[place["booking"]]),
        reverse("mentoring:slot_edit", args=[place["free"]]),
        reverse("mentoring:slot_cancel", args=[place["slot"]]),
        reverse("mentoring:slot_series_remove", args=[place["slot"]]),
    ]
    posts = [
        (reverse("mentoring:booking_outcome", args=[place["booking"]]), {"outcome": "held"}),
        (reverse("mentoring:slot_remove", args=[place["free"]]), {}),
        (reverse("mentoring:slot_cancel", args=[place["slot"]]), {}),
        (reverse("mentoring:slot_series_remove", args=[place["slot"]]), {}),
    ]

    statuses = [client.get(url).status_code for url in gets]
    statuses += [client.post(url, data).status_code for url, data in posts]

    assert statuses == [404] * len(statuses)
    assert Booking.objects.get(pk=place["booking"]).status == Booking.Status.BOOKED
    assert Slot.objects.filter(pk=place["free"], cancelled_at__isnull=True).exists()


def test_a_mentor_of_another_programme_cannot_use_this_programmes_pages(client, place):
    world = place["world"]
    client.force_login(make_mentor_profile(world.other_programme).user)
    programme = place["programme"]
    urls = [
        reverse(name, args=[programme])
        for name in [
            "mentoring:profile_edit",
            "mentoring:slot_add",
            "mentoring:slots_weekly",
            "mentoring:uptake",
            "mentoring:rules_edit",
        ]
    ]

    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 404)
