"""Single sign-on in Chromium: from Pioneer's sign-in page to a local OpenID Connect
provider and back, signed in (tests/oidc.py)."""

import pytest

from accounts.factories import CohortFactory, ProgrammeFactory, UserFactory
from accounts.models import Membership, Role, User
from accounts.services import invitation_create
from tests.browser.axe import violations
from tests.oidc import PROVIDER_NAME

pytestmark = pytest.mark.browser


def sign_in_at_provider(page, live_server, sub):
    page.goto("/accounts/login/")
    assert violations(page) == []
    page.get_by_role("button", name=f"Sign in with {PROVIDER_NAME}").click()
    page.wait_for_url("**/oauth2/authorize**")
    page.fill("#subject-input", sub)
    # The provider's own page fetches styles from the internet; only Pioneer's pages count.
    page.problems.clear()
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_url(f"{live_server.url}/**")


def test_an_invited_fellow_signs_in_with_their_organisation_and_lands_on_their_home(
    transactional_db, page, live_server, oidc_provider
):
    cohort = CohortFactory(programme=ProgrammeFactory(), name="Cohort of the North")
    invitation_create(
        invited_by=UserFactory(),
        programme=cohort.programme,
        cohort=cohort,
        email="jane.doe@nhs.net",
        role=Role.FELLOW,
        send=False,
    )
    oidc_provider.add_person("jane", email="jane.doe@nhs.net", email_verified=True, name="Jane Doe")

    sign_in_at_provider(page, live_server, "jane")

    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("link", name="Jane Doe").is_visible()
    assert "Cohort of the North" in page.content()
    user = User.objects.get(email="jane.doe@nhs.net")
    assert Membership.objects.filter(user=user, cohort=cohort, is_active=True).exists()
    assert page.problems == []


def test_a_person_without_an_invitation_is_told_why_and_not_signed_in(
    transactional_db, page, live_server, oidc_provider
):
    oidc_provider.add_person("walk-in", email="walk.in@nhs.net", email_verified=True)

    sign_in_at_provider(page, live_server, "walk-in")

    page.wait_for_url(f"{live_server.url}/accounts/oidc/**")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "You cannot sign in to Pioneer with this account"
    )
    assert violations(page) == []
    assert not User.objects.filter(email="walk.in@nhs.net").exists()
