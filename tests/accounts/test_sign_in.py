import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from accounts.factories import PASSWORD
from accounts.models import User

pytestmark = pytest.mark.django_db


def sign_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_sign_in_with_email_and_password(client, world):
    world.owner.emailaddress_set.create(email=world.owner.email, primary=True, verified=True)

    response = sign_in(client, world.owner.email, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_wrong_password_gets_a_message(client, world):
    response = sign_in(client, world.owner.email, "wrong")

    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "_auth_user_id" not in client.session


def test_repeated_failures_are_rate_limited(client, world):
    for _ in range(5):
        sign_in(client, world.owner.email, "wrong")

    response = sign_in(client, world.owner.email, PASSWORD)

    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_nobody_can_sign_up_without_an_invitation(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "walk.in@example.org", "password1": "a-long-pass", "password2": "a-long-pass"},
    )

    assert "Sign up closed" in response.text
    assert not User.objects.filter(email="walk.in@example.org").exists()


def test_password_reset_sends_an_email(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": world.owner.email})

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "password" in mailoutbox[0].subject.lower()


def test_everyone_can_open_two_factor_set_up(client, world):
    client.force_login(world.owner)

    response = client.get(reverse("mfa_activate_totp"))

    assert response.status_code in (200, 302)


def test_advisers_must_set_up_mfa_when_required(client, world, settings):
    settings.PIONEER_REQUIRE_ADVISER_MFA = True
    client.force_login(world.adviser)

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_advisers_with_mfa_pass_when_required(client, world, settings):
    settings.PIONEER_REQUIRE_ADVISER_MFA = True
    Authenticator.objects.create(user=world.adviser, type=Authenticator.Type.TOTP, data={})
    client.force_login(world.adviser)

    assert client.get(reverse("home")).status_code == 200


def test_fellows_are_not_forced_into_mfa(client, world, settings):
    settings.PIONEER_REQUIRE_ADVISER_MFA = True
    client.force_login(world.owner)

    assert client.get(reverse("home")).status_code == 200
