"""Downloads of personal data, sign-ins, failed sign-ins and two-factor changes."""

import time

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.urls import reverse

from accounts.factories import PASSWORD
from audit.models import Action, Event
from tests.recruitment.panel import build_panel

pytestmark = pytest.mark.django_db


def subjects(event) -> set:
    return set(event.subjects.values_list("person", flat=True))


def test_a_csv_download_records_who_took_whose_data(client, world):
    client.force_login(world.adviser)

    response = client.get(
        reverse("cohorts:people_csv", args=[world.cohort.pk]), REMOTE_ADDR="10.9.8.7"
    )

    assert response.status_code == 200
    [event] = Event.objects.filter(action=Action.DOWNLOAD)
    assert (event.actor, event.programme_id, event.ip) == (
        world.adviser,
        world.programme.pk,
        "10.9.8.7",
    )
    assert event.object_label == "cohort-2-people.csv"
    assert subjects(event) == {world.owner.pk, world.fellow.pk, world.facilitator.pk}


def test_a_refused_download_records_nothing(client, world):
    client.force_login(world.fellow)

    response = client.get(reverse("cohorts:people_csv", args=[world.cohort.pk]))

    assert response.status_code == 403
    assert not Event.objects.filter(action=Action.DOWNLOAD).exists()


def sign_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_signing_in_is_recorded_against_the_account(client, world):
    world.owner.emailaddress_set.create(email=world.owner.email, primary=True, verified=True)

    sign_in(client, world.owner.email, PASSWORD)

    [event] = Event.objects.filter(action=Action.SIGN_IN)
    assert (event.actor, event.ip, event.object_id) == (
        world.owner,
        "127.0.0.1",
        str(world.owner.pk),
    )
    assert subjects(event) == {world.owner.pk}


def test_a_failed_sign_in_names_the_account_tried_but_keeps_no_address(client, world):
    sign_in(client, world.owner.email, "wrong")
    sign_in(client, "nobody@example.org", "wrong")

    tried, unknown = Event.objects.filter(action=Action.SIGN_IN_FAILED).order_by("pk")
    assert (tried.actor, tried.actor_label, subjects(tried)) == (
        None,
        "anonymous",
        {world.owner.pk},
    )
    assert (unknown.object_label, subjects(unknown)) == ("Unknown account", set())
    stored = str(list(Event.objects.values_list("object_label", "changes", "path")))
    assert "nobody@example.org" not in stored
    assert world.owner.email not in stored


def test_setting_up_two_factor_authentication_is_recorded(
    client, world, django_capture_on_commit_callbacks
):
    world.owner.emailaddress_set.create(email=world.owner.email, primary=True, verified=True)
    sign_in(client, world.owner.email, PASSWORD)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))

    with django_capture_on_commit_callbacks(execute=True):  # allauth signals after commit
        response = client.post(reverse("mfa_activate_totp"), {"code": code})

    assert response.status_code == 302
    # The authenticator app, and the recovery codes made with it.
    events = Event.objects.filter(action=Action.MFA_CHANGE)
    assert [(event.actor, subjects(event)) for event in events] == [
        (world.owner, {world.owner.pk})
    ] * 2
    assert {event.path for event in events} == {reverse("mfa_activate_totp")}


def test_the_ranking_csv_is_about_the_applicants_not_the_cohort(client, world):
    panel = build_panel(world)
    client.force_login(world.adviser)

    client.get(reverse("recruitment:ranking_csv", args=[panel.round.pk]))

    [event] = Event.objects.filter(action=Action.DOWNLOAD)
    applicants = set(panel.round.applications.values_list("applicant", flat=True))
    assert applicants
    assert subjects(event) == applicants
    assert event.programme_id == panel.round.cohort.programme_id
