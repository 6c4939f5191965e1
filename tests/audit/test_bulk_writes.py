"""Writes made with one UPDATE or bulk INSERT send no model signal: their services put them
on the trail themselves, one insert of events for the whole action."""

import pytest
import time_machine
from django.urls import reverse

from accounts.factories import make_fellow
from audit.models import Action, Event
from evaluation import tasks as evaluation_tasks
from evaluation.factories import WaveFactory, make_framework
from evaluation.models import Indicator
from mentoring.services.bookings import booking_create
from mentoring.services.waitlist import waitlist_join
from tests.mentoring.conftest import NOW, build_mentoring
from tests.recruitment.applying_setup import answers_data, owners_draft

pytestmark = pytest.mark.django_db


def events_of(object_type, action) -> list[Event]:
    return list(Event.objects.filter(object_type=object_type, action=action).order_by("pk"))


def subjects(event) -> set:
    return set(event.subjects.values_list("person", flat=True))


@time_machine.travel(NOW, tick=True)
def test_a_cancelled_booking_offering_the_place_to_the_waitlist_is_recorded(client, world):
    mentoring = build_mentoring(world)
    booking = booking_create(slot=mentoring.slot, fellow=world.fellow, agenda="Data")
    entry = waitlist_join(profile=mentoring.profile, fellow=world.owner)
    client.force_login(world.fellow)

    response = client.post(reverse("mentoring:booking_cancel", args=[booking.pk]))

    assert response.status_code == 302
    [offer] = [
        event
        for event in events_of("mentoring.waitlistentry", Action.UPDATE)
        if event.object_id == str(entry.pk)
    ]
    assert offer.changes["offered_at"][0] is None
    entry.refresh_from_db()
    assert offer.changes["offered_at"][1] == entry.offered_at.isoformat()
    assert offer.actor == world.fellow
    assert offer.programme_id == world.programme.pk
    assert subjects(offer) == {world.owner.pk, world.mentor.pk}


def test_inviting_a_cohort_to_a_wave_records_each_response_and_the_wave_once(world):
    wave = WaveFactory(cohort=world.cohort, framework=make_framework())
    fellows = {world.fellow.pk, world.owner.pk}

    evaluation_tasks.invite_to_open_waves()
    late = make_fellow(world.cohort)
    evaluation_tasks.invite_to_open_waves()

    created = events_of("evaluation.response", Action.CREATE)
    # Each response once: the second run records only the fellow who joined since.
    assert [subjects(event) for event in created[2:]] == [{late.pk}]
    assert {next(iter(subjects(event))) for event in created} == {*fellows, late.pk}
    assert len(created) == 3
    assert all(event.programme_id == world.programme.pk for event in created)
    assert all(event.actor_label == "system" for event in created)
    [sent] = [
        event
        for event in events_of("evaluation.wave", Action.UPDATE)
        if "invitations_sent_at" in event.changes
    ]
    assert sent.object_id == str(wave.pk)
    assert sent.changes["invitations_sent_at"][0] is None


@pytest.mark.parametrize("size", [2, 8])
def test_inviting_a_wave_costs_the_same_queries_whatever_the_cohort_size(
    world, size, django_assert_max_num_queries
):
    WaveFactory(cohort=world.cohort, framework=make_framework())
    for _ in range(size):
        make_fellow(world.cohort)

    # 16: 14, then the wave's cohort and the change row that keys cached pages.
    with django_assert_max_num_queries(16):
        evaluation_tasks.invite_to_open_waves()

    assert len(events_of("evaluation.response", Action.CREATE)) == size + 2


def test_the_first_answers_freezing_a_framework_are_recorded_once(client, world):
    wave = WaveFactory(cohort=world.cohort, framework=make_framework())
    statements = Indicator.objects.filter(domain__framework=wave.framework, kind="self_assessment")
    data = {f"item_{statement.pk}": "3" for statement in statements} | {"action": "draft"}
    client.force_login(world.owner)

    client.post(reverse("evaluation:answer", args=[wave.pk]), data)
    client.post(reverse("evaluation:answer", args=[wave.pk]), data | {"action": "submit"})

    wave.framework.refresh_from_db()
    assert wave.framework.frozen
    [frozen] = [
        event
        for event in events_of("evaluation.framework", Action.UPDATE)
        if event.object_id == str(wave.framework.pk)
    ]
    assert frozen.changes == {"frozen": [False, True]}
    assert frozen.actor == world.owner
    assert frozen.programme_id == wave.framework.programme_id


def test_submitting_an_application_freezing_its_form_is_recorded(client, world):
    application = owners_draft(world)
    client.force_login(world.owner)

    client.post(
        reverse("recruitment:application_edit", args=[application.pk]),
        answers_data(application.round) | {"submit": "1"},
    )

    form = application.round.form
    [frozen] = [
        event
        for event in events_of("recruitment.applicationform", Action.UPDATE)
        if event.object_id == str(form.pk)
    ]
    assert frozen.changes == {"frozen": [False, True]}
    assert (frozen.actor, frozen.programme_id) == (world.owner, form.programme_id)
