"""Single sign-on through a local OpenID Connect provider: the real redirects, code
exchange and user info, and Pioneer's rules on who may get in."""

import json
import os
import subprocess
import sys

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.conf import settings as django_settings
from django.urls import reverse

from accounts.models import Invitation, Membership, Role, User
from accounts.services import invitation_create, invitation_revoke
from tests.oidc import PROVIDER_ID, PROVIDER_NAME, path_of

pytestmark = pytest.mark.django_db


def sso_sign_in(client, provider, sub):
    """Press the provider's button, sign in there as `sub`, come back to Pioneer."""
    started = client.post(reverse("openid_connect_login", args=[PROVIDER_ID]))
    assert started.status_code == 302
    assert started["Location"].startswith(provider.url)
    return client.get(path_of(provider.approve(started["Location"], sub)))


def settings_with(expression: str, **environment):
    """`expression` read from Pioneer's settings started with these environment variables."""
    script = f"import json; from django.conf import settings; print(json.dumps({expression}))"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        env={**os.environ, **environment},
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.splitlines()[-1])


def signed_in_as(client):
    return client.session.get("_auth_user_id")


def invite(world, email, role=Role.FELLOW):
    invitation, _ = invitation_create(
        invited_by=world.adviser,
        programme=world.programme,
        cohort=world.cohort if role == Role.FELLOW else None,
        email=email,
        role=role,
        send=False,
    )
    return invitation


def test_sign_in_page_offers_no_single_sign_on_when_none_is_configured(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}

    response = client.get(reverse("account_login"))

    assert response.status_code == 200
    assert "Sign in with" not in response.text
    assert "work account" not in response.text


def test_sign_in_page_offers_each_configured_provider(client, oidc_provider, settings):
    settings.SOCIALACCOUNT_PROVIDERS |= {
        "microsoft": {
            "APPS": [
                {
                    "name": "NHSmail / Microsoft",
                    "client_id": "id",
                    "secret": "secret",
                    "settings": {"tenant": "nhs"},
                }
            ]
        }
    }

    response = client.get(reverse("account_login"))

    assert f"Sign in with {PROVIDER_NAME}" in response.text
    assert "Sign in with NHSmail / Microsoft" in response.text
    assert 'action="/accounts/microsoft/login/?process=login"' in response.text


def test_providers_are_configured_from_the_environment():
    providers, form_action = settings_with(
        "[settings.SOCIALACCOUNT_PROVIDERS, settings.SECURE_CSP['form-action']]",
        PIONEER_MICROSOFT_CLIENT_ID="entra-app",
        PIONEER_MICROSOFT_SECRET="entra-secret",
        PIONEER_MICROSOFT_TENANT="nhs-tenant",
        PIONEER_OIDC_CLIENT_ID="oidc-app",
        PIONEER_OIDC_SECRET="oidc-secret",
        PIONEER_OIDC_NAME="Our Trust",
        PIONEER_OIDC_SERVER_URL="https://id.example.org",
    )

    microsoft = providers["microsoft"]["APPS"][0]
    assert (microsoft["client_id"], microsoft["secret"]) == ("entra-app", "entra-secret")
    assert microsoft["settings"] == {"tenant": "nhs-tenant", "verified_email": True}
    assert providers["microsoft"]["SCOPE"] == ["openid", "email", "profile", "User.Read"]
    oidc = providers["openid_connect"]["APPS"][0]
    assert (oidc["name"], oidc["client_id"], oidc["secret"]) == (
        "Our Trust",
        "oidc-app",
        "oidc-secret",
    )
    assert oidc["settings"] == {"server_url": "https://id.example.org"}
    # The sign-in buttons' forms may redirect to both providers, and nowhere else.
    assert form_action[1:] == ["https://login.microsoftonline.com", "https://id.example.org"]


def test_an_invited_person_joins_by_signing_in_with_their_organisation(
    client, world, oidc_provider
):
    invitation = invite(world, "jane.doe@nhs.net")
    oidc_provider.add_person(
        "jane", email="Jane.Doe@nhs.net", email_verified=True, name="Jane  Doe"
    )

    response = sso_sign_in(client, oidc_provider, "jane")

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    user = User.objects.get(email="jane.doe@nhs.net")
    assert user.name == "Jane Doe"
    assert not user.has_usable_password()
    assert signed_in_as(client) == str(user.pk)
    assert EmailAddress.objects.filter(user=user, email="jane.doe@nhs.net", verified=True)
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert Membership.objects.filter(
        user=user, cohort=world.cohort, role=Role.FELLOW, is_active=True
    ).exists()


def test_nobody_gets_an_account_through_single_sign_on_without_an_invitation(
    client, world, oidc_provider
):
    oidc_provider.add_person("walk-in", email="walk.in@nhs.net", email_verified=True)

    response = sso_sign_in(client, oidc_provider, "walk-in")

    assert response.status_code == 403
    assert "no Pioneer account or open invitation for walk.in@nhs.net" in response.text
    assert not User.objects.filter(email="walk.in@nhs.net").exists()
    assert signed_in_as(client) is None


def test_a_withdrawn_invitation_does_not_let_anyone_in(client, world, oidc_provider):
    invitation_revoke(invitation=invite(world, "late@nhs.net"))
    oidc_provider.add_person("late", email="late@nhs.net", email_verified=True)

    response = sso_sign_in(client, oidc_provider, "late")

    assert response.status_code == 403
    assert not User.objects.filter(email="late@nhs.net").exists()


def test_an_unverified_email_is_refused_even_with_an_invitation(client, world, oidc_provider):
    invitation = invite(world, "unsure@nhs.net")
    oidc_provider.add_person("unsure", email="unsure@nhs.net", email_verified=False)

    response = sso_sign_in(client, oidc_provider, "unsure")

    assert response.status_code == 403
    assert "did not confirm that unsure@nhs.net is yours" in response.text
    assert not User.objects.filter(email="unsure@nhs.net").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_existing_account_is_joined_through_a_verified_matching_email(
    client, world, oidc_provider
):
    owner = world.owner
    EmailAddress.objects.create(user=owner, email=owner.email, primary=True, verified=True)
    oidc_provider.add_person("owner-sub", email=owner.email.upper(), email_verified=True)

    first = sso_sign_in(client, oidc_provider, "owner-sub")
    client.logout()
    second = sso_sign_in(client, oidc_provider, "owner-sub")

    assert first.status_code == second.status_code == 302
    assert signed_in_as(client) == str(owner.pk)
    assert SocialAccount.objects.get(uid="owner-sub").user == owner
    assert User.objects.filter(email__iexact=owner.email).count() == 1


def test_single_sign_on_still_asks_for_the_second_factor_of_an_account_with_one(
    client, world, oidc_provider
):
    adviser = world.adviser
    EmailAddress.objects.create(user=adviser, email=adviser.email, primary=True, verified=True)
    Authenticator.objects.create(user=adviser, type=Authenticator.Type.TOTP, data={})
    oidc_provider.add_person("adviser-sub", email=adviser.email, email_verified=True)

    response = sso_sign_in(client, oidc_provider, "adviser-sub")

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert signed_in_as(client) is None


def test_an_unverified_email_never_joins_an_existing_account(client, world, oidc_provider):
    owner = world.owner
    EmailAddress.objects.create(user=owner, email=owner.email, primary=True, verified=True)
    oidc_provider.add_person("impostor", email=owner.email, email_verified=False)

    response = sso_sign_in(client, oidc_provider, "impostor")

    assert response.status_code == 403
    assert signed_in_as(client) is None
    assert not SocialAccount.objects.exists()


def test_an_invitation_page_offers_to_accept_with_single_sign_on(client, world, oidc_provider):
    _, token = invitation_create(
        invited_by=world.adviser,
        programme=world.programme,
        cohort=world.cohort,
        email="invitee@nhs.net",
        role=Role.FELLOW,
        send=False,
    )

    response = client.get(reverse("invitation_accept", args=[token]))

    assert "Or accept with your work account" in response.text
    assert f"Sign in with {PROVIDER_NAME}" in response.text
    assert Invitation.objects.get(email="invitee@nhs.net").accepted_at is None


def test_microsoft_addresses_are_not_trusted_from_any_tenant():
    app_settings = settings_with(
        "settings.SOCIALACCOUNT_PROVIDERS['microsoft']['APPS'][0]['settings']",
        PIONEER_MICROSOFT_CLIENT_ID="entra-app",
        PIONEER_MICROSOFT_SECRET="entra-secret",
        PIONEER_MICROSOFT_TENANT="organizations",
    )

    assert app_settings == {"tenant": "organizations", "verified_email": False}
