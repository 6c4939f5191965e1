"""The address the trail records: REMOTE_ADDR, or behind trusted proxies the client's hop
of X-Forwarded-For, never one the client could forge."""

import pytest
from django.urls import reverse

from audit.models import Action, Event
from projects.factories import ProgressEntryFactory, ProjectFactory
from tests.projects.data import entry_data

pytestmark = pytest.mark.django_db


def recorded_ip(client, world, **headers):
    project = ProjectFactory(cohort=world.cohort, fellow=world.owner)
    entry = ProgressEntryFactory(project=project, author=world.owner, rag="green")
    client.force_login(world.owner)
    client.post(reverse("projects:entry_edit", args=[entry.pk]), entry_data(rag="red"), **headers)
    event = Event.objects.get(
        object_type="projects.progressentry", object_id=str(entry.pk), action=Action.UPDATE
    )
    return event.ip


def test_without_trusted_proxies_a_forwarded_header_is_ignored(client, world, settings):
    settings.PIONEER_TRUSTED_PROXY_COUNT = 0
    ip = recorded_ip(client, world, REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert ip == "10.0.0.5"


def test_behind_one_proxy_the_hop_it_saw_is_recorded_not_a_forged_one(client, world, settings):
    settings.PIONEER_TRUSTED_PROXY_COUNT = 1
    ip = recorded_ip(
        client,
        world,
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR="198.51.100.66, 203.0.113.9",
    )
    assert ip == "203.0.113.9"


def test_behind_two_proxies_the_right_most_untrusted_hop_is_recorded(client, world, settings):
    settings.PIONEER_TRUSTED_PROXY_COUNT = 2
    ip = recorded_ip(
        client,
        world,
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR="198.51.100.66, 2001:db8::7, 10.0.0.4",
    )
    assert ip == "2001:db8::7"


@pytest.mark.parametrize("forwarded", ["", "203.0.113.9", "not-an-address, 10.0.0.4"])
def test_a_short_or_malformed_header_falls_back_to_the_proxy(client, world, settings, forwarded):
    settings.PIONEER_TRUSTED_PROXY_COUNT = 2
    assert recorded_ip(client, world, REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=forwarded) == (
        "10.0.0.5"
    )
