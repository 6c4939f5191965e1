"""Pages speak plainly: counts agree with their nouns and people are greeted by first name."""

import pytest
from django.urls import reverse

from accounts.factories import CohortFactory, make_fellow

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Dr Amara Okafor", "Hello, Amara"),
        ("Prof. Sir Ian Gilmore", "Hello, Ian"),
        ("Mx Sam Lee", "Hello, Sam"),
        ("Dame Clare Marx", "Hello, Clare"),
        ("Priya Shah", "Hello, Priya"),
    ],
)
def test_home_greets_by_first_name_skipping_titles(client, name, greeting):
    fellow = make_fellow(CohortFactory(), user__name=name)
    client.force_login(fellow)

    response = client.get(reverse("home"))

    assert f"<h1>{greeting}</h1>" in response.text


def test_home_greets_someone_named_only_by_a_title_by_that_name(client):
    fellow = make_fellow(CohortFactory(), user__name="Dr")
    client.force_login(fellow)

    response = client.get(reverse("home"))

    assert "<h1>Hello, Dr</h1>" in response.text


def test_home_counts_one_fellow_in_the_singular(client):
    fellow = make_fellow(CohortFactory())
    client.force_login(fellow)

    response = client.get(reverse("home"))

    assert ", 1 fellow.</p>" in response.text


def test_home_counts_two_fellows_in_the_plural(client):
    cohort = CohortFactory()
    fellow = make_fellow(cohort)
    make_fellow(cohort)
    client.force_login(fellow)

    response = client.get(reverse("home"))

    assert ", 2 fellows.</p>" in response.text


def test_change_password_page_uses_sentence_case(client):
    fellow = make_fellow(CohortFactory())
    client.force_login(fellow)

    response = client.get(reverse("account_change_password"))

    assert "Change password – Pioneer</title>" in " ".join(response.text.split())
    assert ">Current password</label>" in response.text
    assert ">New password</label>" in response.text
    assert ">New Password<" not in response.text


def test_two_factor_page_uses_sentence_case(client):
    fellow = make_fellow(CohortFactory())
    client.force_login(fellow)

    response = client.get(reverse("mfa_index"))
    text = " ".join(response.text.split())

    assert "<h1> Two-factor authentication </h1>" in text
    assert "Authenticator app </h2>" in text
    assert "Recovery codes </h2>" in text
