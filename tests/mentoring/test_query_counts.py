"""A mentor's own pages cost the same number of queries with 3 slots and bookings or 40."""

from html import escape

import pytest
from django.urls import reverse

from accounts.factories import CohortFactory, ProgrammeFactory, make_fellow
from mentoring.factories import BookingFactory, SlotFactory, days_ahead, make_mentor_profile

pytestmark = pytest.mark.django_db


def busy_mentor(size: int):
    """A mentor with `size` slots ahead, each booked by a different fellow."""
    programme = ProgrammeFactory()
    cohort = CohortFactory(programme=programme)
    mentor = make_mentor_profile(programme).user
    fellows = [make_fellow(cohort) for _ in range(size)]
    for day, fellow in enumerate(fellows):
        slot = SlotFactory(mentor=mentor, programme=programme, starts_at=days_ahead(2 + day))
        BookingFactory(slot=slot, fellow=fellow, cohort=cohort)
    return mentor, fellows


@pytest.mark.parametrize("name", ["mentoring:availability", "mentoring:bookings"])
def test_a_mentors_pages_do_not_grow_with_slots_and_bookings(
    client, name, django_assert_max_num_queries, django_assert_num_queries
):
    client.force_login(busy_mentor(3)[0])
    with django_assert_max_num_queries(12) as small:
        client.get(reverse(name))

    mentor, fellows = busy_mentor(40)
    client.force_login(mentor)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse(name))

    assert response.status_code == 200
    # Every booking shown; the fellows' names are made up, so some have an apostrophe.
    assert all(escape(fellow.name) in response.text for fellow in fellows)
    print(f"\n{name}: {len(small.captured_queries)} queries at 3 and at 40")
