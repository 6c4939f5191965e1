"""Sessions: the idle timeout (stricter for advisers), signing out everywhere, a new
password ending the other sessions, and the email about a sign-in from a new browser."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.factories import PASSWORD
from accounts.models import KnownBrowser
from accounts.tasks import send_new_browser_email
from tests.matrix import WRONG_METHOD, assert_matrix, signed_in

pytestmark = pytest.mark.django_db

HOME = reverse("home")
SESSIONS = reverse("usersessions_list")
EVERYWHERE = reverse("sign_out_everywhere")
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def verified(user):
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def sign_in(client, user, user_agent="Firefox on the ward PC", remember=False):
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD, "remember": "on" if remember else ""},
        HTTP_USER_AGENT=user_agent,
    )
    assert response.status_code == 302, response.text
    return client


def is_signed_in(client) -> bool:
    return client.get(HOME).status_code == 200


def test_idle_for_longer_than_the_limit_signs_a_person_out(client, world, settings):
    settings.PIONEER_IDLE_MINUTES = 30
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, verified(world.owner))
        clock.shift(timedelta(minutes=29))
        assert client.get(HOME).status_code == 200
        clock.shift(timedelta(minutes=31))

        response = client.get(reverse("calendar"))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={reverse('calendar')}"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert "not used for 30 minutes" in page.text


def test_using_pioneer_keeps_a_person_signed_in_past_the_limit(client, world, settings):
    settings.PIONEER_IDLE_MINUTES = 30
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, verified(world.owner))
        for _ in range(6):  # two hours, a page every twenty minutes
            clock.shift(timedelta(minutes=20))
            assert is_signed_in(client)


def test_the_idle_clock_adds_no_query_to_a_signed_in_page(
    client, world, django_assert_max_num_queries
):
    # A page that draws only the layout: the session, the person and their roles, nothing
    # more for the idle clock, the browser cookie or the navigation.
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, verified(world.facilitator))
        clock.shift(timedelta(seconds=20))
        with django_assert_max_num_queries(3):
            assert client.get(reverse("calendar")).status_code == 200


def test_a_remembered_session_ends_soon_after_the_limit_and_leaves_the_list(world, settings):
    settings.PIONEER_IDLE_MINUTES = 30
    # Sessions in the database alone: Redis expires keys by its own clock, not the test's.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    owner = verified(world.owner)
    with time_machine.travel(START, tick=False) as clock:
        laptop = sign_in(Client(), owner, user_agent="Edge on my laptop", remember=True)
        sign_in(Client(), owner, user_agent="Safari on my phone", remember=True)
        for _ in range(3):  # the laptop is used for an hour, the phone left alone
            clock.shift(timedelta(minutes=20))
            assert is_signed_in(laptop)

        page = laptop.get(SESSIONS).text

    assert "Edge on my laptop" in page
    assert "Safari on my phone" not in page


def test_a_session_not_remembered_still_ends_when_the_browser_closes(client, world, settings):
    settings.PIONEER_IDLE_MINUTES = 30
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, verified(world.owner), remember=False)
        clock.shift(timedelta(minutes=5))
        assert is_signed_in(client)

        assert client.session.get_expire_at_browser_close()
        assert client.cookies["sessionid"]["max-age"] == ""


def test_advisers_may_have_a_stricter_limit(world, settings):
    settings.PIONEER_IDLE_MINUTES = 30
    settings.PIONEER_ADVISER_IDLE_MINUTES = 10
    adviser, fellow = Client(), Client()
    with time_machine.travel(START, tick=False) as clock:
        sign_in(adviser, verified(world.adviser))
        sign_in(fellow, verified(world.owner))
        clock.shift(timedelta(minutes=11))

        assert not is_signed_in(adviser)
        assert is_signed_in(fellow)


def test_the_sessions_page_is_for_the_signed_in_person_only(world):
    assert_matrix(world, SESSIONS, signed_in())
    assert_matrix(world, EVERYWHERE, WRONG_METHOD | {"anonymous": 405})


def test_the_sessions_page_lists_only_the_persons_own_browsers(world):
    owner = verified(world.owner)
    here = sign_in(Client(), owner, user_agent="Edge on my laptop")
    sign_in(Client(), owner, user_agent="Safari on my phone")
    sign_in(Client(), verified(world.fellow), user_agent="Someone else's Chrome")

    page = here.get(SESSIONS).text

    assert "Edge on my laptop" in page
    assert "Safari on my phone" in page
    assert "Someone else&#x27;s Chrome" not in page
    assert "This browser" in page


def test_the_sessions_page_runs_the_same_queries_however_many_browsers(world):
    owner = verified(world.owner)
    here = sign_in(Client(), owner)

    def queries_with(browsers: int) -> int:
        while owner.usersession_set.count() < browsers:
            sign_in(Client(), owner)
        here.get(SESSIONS)  # forgets nothing now, so every size does the same work
        with CaptureQueriesContext(connection) as queries:
            page = here.get(SESSIONS)
        assert page.text.count('<tr class="nhsuk-table__row">') == 1 + browsers
        return len(queries)

    assert queries_with(2) == queries_with(5)


def test_sign_out_everywhere_ends_every_session_of_the_account_only(world):
    owner = verified(world.owner)
    laptop, phone = sign_in(Client(), owner), sign_in(Client(), owner)
    someone_else = sign_in(Client(), verified(world.fellow))

    response = laptop.post(EVERYWHERE)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    assert not is_signed_in(laptop)
    assert not is_signed_in(phone)
    assert is_signed_in(someone_else)


def test_signing_out_the_other_browsers_keeps_this_one(world):
    owner = verified(world.owner)
    laptop, phone = sign_in(Client(), owner), sign_in(Client(), owner)

    laptop.post(SESSIONS)

    assert is_signed_in(laptop)
    assert not is_signed_in(phone)


def test_changing_the_password_ends_the_other_sessions(world):
    owner = verified(world.owner)
    laptop, phone = sign_in(Client(), owner), sign_in(Client(), owner)

    response = laptop.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a-new-long-pass-2",
            "password2": "a-new-long-pass-2",
        },
    )

    assert response.status_code == 302
    assert is_signed_in(laptop)
    assert not is_signed_in(phone)
    assert owner.usersession_set.count() == 1


def test_a_sign_in_from_a_new_browser_is_emailed_to_the_person(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    owner = verified(world.owner)
    laptop = Client()
    summer = datetime(2026, 7, 1, 8, 5, tzinfo=UTC)
    with (
        django_capture_on_commit_callbacks(execute=True),
        time_machine.travel(summer, tick=False),
    ):
        sign_in(laptop, owner)  # the account's first browser: nothing to report
        laptop.post(reverse("account_logout"))
        sign_in(laptop, owner)  # the same browser again
        assert mailoutbox == []

        sign_in(Client(), owner, user_agent="Chrome on an unknown PC")

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [owner.email]
    assert "signed into from a new browser" in email.subject
    assert "Chrome on an unknown PC" in email.body
    assert "1 July 2026 at 09:05 (UK time)" in email.body  # BST
    assert reverse("usersessions_list") in email.body
    assert KnownBrowser.objects.filter(user=owner).count() == 2


def test_a_forged_browser_cookie_counts_as_a_new_browser(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    owner = verified(world.owner)
    with django_capture_on_commit_callbacks(execute=True):
        sign_in(Client(), owner)
        stranger = Client()
        stranger.cookies["pioneer_browser"] = "not-a-browser-id"
        sign_in(stranger, owner)

    assert len(mailoutbox) == 1
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", stranger.cookies["pioneer_browser"].value)
    cookie = stranger.cookies["pioneer_browser"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_the_new_browser_email_is_sent_once_when_its_task_runs_twice(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    owner = verified(world.owner)
    with django_capture_on_commit_callbacks(execute=True):
        sign_in(Client(), owner)
        sign_in(Client(), owner)
    browser = KnownBrowser.objects.filter(user=owner).latest("pk")

    send_new_browser_email(browser.pk)

    assert len(mailoutbox) == 1
