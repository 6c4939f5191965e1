"""The privacy notice: public, linked from every page's footer, and it lists every
cookie Pioneer sets."""

import re

import pytest
from django.urls import reverse

from accounts.factories import PASSWORD, ProgrammeFactory

pytestmark = pytest.mark.django_db

NOTICE = reverse("privacy_notice")


def cookie_names_listed(response) -> set[str]:
    return set(re.findall(r"<code>([^<]+)</code>", response.text))


def test_anyone_can_read_the_notice_without_signing_in(client):
    response = client.get(NOTICE)

    assert response.status_code == 200
    assert "What we keep" in response.text
    assert "Who can see it" in response.text
    assert "strictly necessary cookies" in response.text


def test_the_notice_says_how_long_each_programme_keeps_data(client):
    ProgrammeFactory(name="Pioneer North")
    ProgrammeFactory(name="Pioneer South", retention_years=3)

    response = client.get(NOTICE)

    assert "Unless it says otherwise, that is 6 years" in response.text
    rows = re.findall(
        r"<td class=\"nhsuk-table__cell\">([^<]+)</td>\s*"
        r"<td class=\"nhsuk-table__cell\">(\d+ years?)</td>",
        response.text,
    )
    assert rows[:2] == [("Pioneer North", "6 years"), ("Pioneer South", "3 years")]


@pytest.mark.parametrize("count", [1, 4])
def test_the_notice_reads_the_programmes_in_one_query(client, count, django_assert_max_num_queries):
    ProgrammeFactory.create_batch(count)

    with django_assert_max_num_queries(1):
        client.get(NOTICE)


def test_every_page_links_to_the_notice_in_its_footer(client, world):
    footer_link = f'class="nhsuk-footer__list-item-link" href="{NOTICE}"'
    assert footer_link in client.get(reverse("account_login")).text
    assert footer_link in client.get(reverse("privacy_notice")).text

    client.force_login(world.adviser)
    for url in [reverse("home"), reverse("account_email"), reverse("calendar")]:
        assert footer_link in client.get(url).text, url


def test_every_cookie_set_while_signing_in_and_using_pioneer_is_listed(client, world):
    world.owner.emailaddress_set.create(email=world.owner.email, primary=True, verified=True)
    client.get(reverse("account_login"))
    client.post(reverse("account_login"), {"login": world.owner.email, "password": "wrong"})
    client.post(reverse("account_login"), {"login": world.owner.email, "password": PASSWORD})
    client.get(reverse("home"), follow=True)
    client.post(reverse("calendar_reset"), follow=True)  # a message for the next page
    set_cookies = set(client.cookies)

    listed = cookie_names_listed(client.get(NOTICE))

    assert {"sessionid", "csrftoken"} <= set_cookies
    assert set_cookies <= listed
