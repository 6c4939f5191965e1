"""The programme's trail for its advisers, with filters, pages and CSV; and every
person's "activity on your data"."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from accounts.factories import make_fellow
from audit.factories import EventFactory
from audit.models import Action, Event
from tests.matrix import adviser_only, assert_matrix, signed_in

pytestmark = pytest.mark.django_db


def trail(world, **query):
    return reverse("audit:programme", args=[world.programme.pk])


def trail_csv(world):
    return reverse("audit:programme_csv", args=[world.programme.pk])


def labels(response) -> list[str]:
    return [event.object_label for event in response.context["page"]]


def read_csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    return list(csv.reader(io.StringIO(body)))


def test_programme_trail_matrix(world):
    assert_matrix(world, trail, adviser_only())
    assert_matrix(world, trail_csv, adviser_only())


def test_activity_on_your_data_matrix(world):
    assert_matrix(world, reverse("audit:mine"), signed_in())


def test_advisers_see_their_programmes_events_only_with_names_read_now(client, world):
    EventFactory(programme=world.programme, object_label="Project #1", about=[world.owner])
    EventFactory(programme=world.other_programme, object_label="Project #2")
    world.owner.name = "Chloe Evans-Smith"
    world.owner.save()
    client.force_login(world.adviser)

    response = client.get(trail(world), {"object_type": "projects.project"})

    assert labels(response) == ["Project #1"]
    assert "Chloe Evans-Smith" in response.text
    assert "Status: active to paused" in response.text
    assert "127.0.0.1" in response.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"person": "chloe"}, ["Project #1", "Project #3"]),
        ({"person": "daniel.okafor"}, []),
        ({"action": Action.DELETE}, ["Project #2"]),
        ({"object_type": "cohorts.attendance"}, ["Attendance #4"]),
        # 23:30 UTC is 00:30 the next day in London (BST): days are London's.
        ({"since": "2026-06-02", "until": "2026-06-11"}, ["Project #1", "Project #2"]),
        ({"until": "2026-06-01"}, []),
        ({"since": "2026-07-01"}, ["Attendance #4"]),
    ],
)
def test_the_trail_filters_by_person_object_type_action_and_date(client, world, query, expected):
    def event(label, day, **kwargs):
        EventFactory(
            programme=world.programme,
            object_label=label,
            at=datetime.datetime(2026, 6, day, 23, 30, tzinfo=datetime.UTC),  # London: next day
            **kwargs,
        )

    event("Project #1", 1, about=[world.owner])
    event("Project #2", 10, action=Action.DELETE)
    event("Project #3", 20, actor=world.owner)
    event("Attendance #4", 30, object_type="cohorts.attendance")
    client.force_login(world.adviser)

    response = client.get(trail(world), {"object_type": "", **query} | {"page": 1})

    mine = {"Project #1", "Project #2", "Project #3", "Attendance #4"}
    assert sorted(label for label in labels(response) if label in mine) == expected


def test_until_before_since_gets_a_message_and_shows_everything(client, world):
    EventFactory(programme=world.programme, object_label="Project #1")
    client.force_login(world.adviser)

    response = client.get(trail(world), {"since": "2026-06-10", "until": "2026-06-01"})

    assert response.status_code == 200
    assert "The end date must be on or after the start date" in response.text
    assert "Project #1" in labels(response)


def test_a_mistyped_date_gets_a_message_and_the_other_filters_still_apply(client, world):
    EventFactory(programme=world.programme, object_label="Project #1")
    EventFactory(programme=world.programme, object_label="Project #2", action=Action.DELETE)
    client.force_login(world.adviser)

    response = client.get(trail(world), {"since": "31/02/2026", "action": Action.DELETE})

    assert response.status_code == 200
    assert response.context["filters"].errors["since"]
    assert "Project #2" in labels(response)
    assert "Project #1" not in labels(response)


def test_the_trail_comes_fifty_events_a_page(client, world):
    Event.objects.bulk_create(
        Event(
            programme=world.programme, action=Action.UPDATE, object_type="x", object_label=f"#{n}"
        )
        for n in range(120)
    )
    client.force_login(world.adviser)

    last = client.get(trail(world), {"page": 99})

    assert last.context["page"].number == last.context["page"].paginator.num_pages
    assert len(client.get(trail(world)).context["page"]) == 50


def _grow(world, count):
    start = Event.objects.count()
    for n in range(count):
        # Named so that no made-up name matches the filter by chance.
        fellow = make_fellow(world.cohort, user__name=f"Fellow {start}.{n}")
        EventFactory(programme=world.programme, actor=world.fellow, about=[fellow, world.owner])


def test_the_trail_runs_the_same_queries_at_2_and_40_events(
    client, world, django_assert_max_num_queries, django_assert_num_queries
):
    client.force_login(world.adviser)
    _grow(world, 2)
    client.get(trail(world))  # warm the session

    with django_assert_max_num_queries(8) as small:
        few = client.get(trail(world), {"person": "chloe"})
    _grow(world, 38)
    with django_assert_num_queries(len(small.captured_queries)):
        many = client.get(trail(world), {"person": "chloe"})

    assert len(many.context["page"]) == len(few.context["page"]) + 38


def test_activity_on_your_data_runs_the_same_queries_at_2_and_40_events(
    client, world, django_assert_max_num_queries, django_assert_num_queries
):
    client.force_login(world.owner)
    _grow(world, 2)
    client.get(reverse("audit:mine"))

    with django_assert_max_num_queries(8) as small:
        few = client.get(reverse("audit:mine"))
    _grow(world, 38)
    with django_assert_num_queries(len(small.captured_queries)):
        many = client.get(reverse("audit:mine"))

    assert len(many.context["page"]) == len(few.context["page"]) + 38


def test_the_csv_lists_the_filtered_events_and_is_itself_recorded(client, world):
    EventFactory(programme=world.programme, actor=world.fellow, about=[world.owner])
    EventFactory(programme=world.programme, action=Action.DELETE)
    client.force_login(world.adviser)

    response = client.get(trail_csv(world), {"action": Action.UPDATE})

    rows = read_csv(response)
    assert rows[0][:3] == ["When (UK time)", "Who", "Action"]
    [row] = [row for row in rows[1:] if row[2] == "Changed" and row[1] == world.fellow.name]
    assert (row[4], row[5], row[6]) == (world.owner.name, "Status: active to paused", "127.0.0.1")
    assert not [row for row in rows[1:] if row[2] == "Deleted"]
    recorded = Event.objects.get(action=Action.DOWNLOAD)
    assert (recorded.actor, recorded.programme_id) == (world.adviser, world.programme.pk)
    assert recorded.object_label == "digital-pioneer-fellowship-audit-trail.csv"


def test_the_csv_runs_the_same_queries_at_2_and_40_events(
    client, world, django_assert_max_num_queries, django_assert_num_queries
):
    client.force_login(world.adviser)
    _grow(world, 2)
    client.get(trail_csv(world))

    with django_assert_max_num_queries(10) as small:
        read_csv(client.get(trail_csv(world)))
    _grow(world, 38)
    with django_assert_num_queries(len(small.captured_queries)):
        rows = read_csv(client.get(trail_csv(world)))

    assert len(rows) > 40


def test_activity_on_your_data_shows_what_concerns_you_and_no_addresses(client, world):
    EventFactory(programme=world.programme, object_label="Project #1", about=[world.owner])
    EventFactory(programme=world.programme, object_label="Project #2", about=[world.fellow])
    EventFactory(programme=world.programme, object_label="Project #3", actor=world.owner)
    client.force_login(world.owner)

    response = client.get(reverse("audit:mine"))

    assert "Project #1" in labels(response)
    assert not {"Project #2", "Project #3"} & set(labels(response))
    assert "127.0.0.1" not in response.text


def test_the_account_and_programme_pages_link_to_the_trail(client, world):
    client.force_login(world.adviser)

    account = client.get(reverse("account_email"))
    programme = client.get(reverse("programme_detail", args=[world.programme.pk]))

    assert reverse("audit:mine") in account.text
    assert reverse("audit:programme", args=[world.programme.pk]) in programme.text
