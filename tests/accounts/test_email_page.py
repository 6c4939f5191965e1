"""The account email page lists addresses as NHS.UK radios and offers what makes sense."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def person_with(*addresses):
    user = UserFactory(email=addresses[0])
    for index, address in enumerate(addresses):
        EmailAddress.objects.create(user=user, email=address, primary=index == 0, verified=True)
    return user


def test_two_addresses_show_as_radios_with_make_primary(client):
    client.force_login(person_with("ada@example.org", "ada@nhs.net"))

    response = client.get(reverse("account_email"))

    assert response.text.count('class="nhsuk-radios__input"') == 2
    assert 'class="nhsuk-input" id="email_radio' not in response.text
    assert 'value="ada@example.org" checked' in response.text
    assert "Make primary" in response.text


def test_one_address_shows_no_radio_and_no_make_primary(client):
    client.force_login(person_with("ada@example.org"))

    response = client.get(reverse("account_email"))

    assert "Your email address is ada@example.org" in response.text
    assert 'type="radio"' not in response.text
    assert "Make primary" not in response.text
    assert 'name="action_remove"' not in response.text


def test_choosing_the_second_address_makes_it_primary(client):
    user = person_with("ada@example.org", "ada@nhs.net")
    client.force_login(user)

    response = client.post(reverse("account_email"), {"email": "ada@nhs.net", "action_primary": ""})

    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user, primary=True).email == "ada@nhs.net"


def test_unverified_single_address_offers_to_send_the_verification_again(client):
    user = UserFactory(email="ada@example.org")
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    client.force_login(user)

    response = client.get(reverse("account_email"))

    assert "Unverified" in response.text
    assert 'name="action_send"' in response.text
