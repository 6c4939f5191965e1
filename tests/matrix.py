"""The permission matrix helper: one request per role, each outcome asserted.

Every view test that shows or changes someone's data uses `assert_matrix`, so
the refusals of PRODUCT.md's permission matrix are proven URL by URL.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.test import Client

from accounts.factories import (
    CohortFactory,
    ProgrammeFactory,
    make_adviser,
    make_facilitator,
    make_fellow,
    make_mentor,
)
from accounts.models import Cohort, Programme, User

ROLES = (
    "anonymous",
    "adviser",
    "other_adviser",
    "owner",
    "fellow",
    "other_cohort_fellow",
    "mentor",
    "facilitator",
)

LOGIN = "login"  # the expected outcome "sent to the sign-in page"

# Rows of PRODUCT.md's permission matrix that recur across pages and apps; a row only
# one module needs (a booking's, a scorecard's) stays in that module.


def expect(default, **cells) -> dict[str, int | str]:
    """Every role's outcome: `default` unless the role is named."""
    return {role: cells.get(role, default) for role in ROLES}


def outcomes(**cells) -> dict[str, int | str]:
    """Every role refused as an outsider (404) unless named."""
    base = {
        "anonymous": LOGIN,
        "adviser": 404,
        "other_adviser": 404,
        "owner": 404,
        "fellow": 404,
        "other_cohort_fellow": 404,
        "mentor": 404,
        "facilitator": 404,
    }
    return base | cells


# A URL that takes only GET, or only POST, asked the other way.
WRONG_METHOD = dict.fromkeys(ROLES, 405)


def cohort_members_read(ok: int = 200) -> dict[str, int | str]:
    """Anyone in the cohort or its programme may read; outsiders never learn it exists."""
    return {
        "anonymous": LOGIN,
        "adviser": ok,
        "other_adviser": 404,
        "owner": ok,
        "fellow": ok,
        "other_cohort_fellow": 404,
        "mentor": ok,
        "facilitator": ok,
    }


def adviser_writes(ok: int = 200) -> dict[str, int | str]:
    """Members may see the cohort but only its advisers act (403); outsiders get 404."""
    return {
        "anonymous": LOGIN,
        "adviser": ok,
        "other_adviser": 404,
        "owner": 403,
        "fellow": 403,
        "other_cohort_fellow": 404,
        "mentor": 403,
        "facilitator": 403,
    }


def adviser_only(ok: int = 200) -> dict[str, int | str]:
    """Nobody but the programme's advisers may know this exists."""
    return {
        "anonymous": LOGIN,
        "adviser": ok,
        "other_adviser": 404,
        "owner": 404,
        "fellow": 404,
        "other_cohort_fellow": 404,
        "mentor": 404,
        "facilitator": 404,
    }


def set_matrix(ok: int = 200) -> dict[str, int | str]:
    """Only a learning set's own people (the owner, its facilitator) and the programme's
    advisers know the set, or a meeting of it, exists."""
    return {
        "anonymous": LOGIN,
        "adviser": ok,
        "other_adviser": 404,
        "owner": ok,
        "fellow": 404,
        "other_cohort_fellow": 404,
        "mentor": 404,
        "facilitator": ok,
    }


def meeting_runners(ok: int = 200) -> dict[str, int | str]:
    """Advisers and the set's facilitator run a meeting; its members only read it."""
    return set_matrix(ok) | {"owner": 403}


def signed_in(ok: int = 200) -> dict[str, int | str]:
    """Pages about the person themself: anyone signed in."""
    return expect(ok, anonymous=LOGIN)


@dataclass
class World:
    """One programme and cohort with a person in every role, and outsiders.

    `owner` is the fellow whose objects are being tested; `fellow` is another
    fellow of the same cohort; `other_adviser` advises another programme;
    `other_cohort_fellow` is a fellow of another cohort of another programme.
    """

    programme: Programme
    cohort: Cohort
    other_programme: Programme
    other_cohort: Cohort
    adviser: User
    other_adviser: User
    owner: User
    fellow: User
    other_cohort_fellow: User
    mentor: User
    facilitator: User

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


def build_world() -> World:
    programme = ProgrammeFactory(name="Digital Pioneer Fellowship")
    cohort = CohortFactory(programme=programme, name="Cohort 2")
    other_programme = ProgrammeFactory(name="Another Fellowship")
    other_cohort = CohortFactory(programme=other_programme, name="Elsewhere")
    # Fixed names, not random ones, so lists in name order come out the same every run.
    return World(
        programme=programme,
        cohort=cohort,
        other_programme=other_programme,
        other_cohort=other_cohort,
        adviser=make_adviser(programme, user__name="Aisha Rahman"),
        other_adviser=make_adviser(other_programme, user__name="Ben Carter"),
        owner=make_fellow(cohort, user__name="Chloe Evans"),
        fellow=make_fellow(cohort, user__name="Daniel Okafor"),
        other_cohort_fellow=make_fellow(other_cohort, user__name="Ella Murphy"),
        mentor=make_mentor(programme, user__name="Farah Hussain"),
        facilitator=make_facilitator(cohort, user__name="George Lewis"),
    )


def request_as(world: World, role: str, method: str, url: str, data=None):
    client = Client()
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    return getattr(client, method.lower())(url, data or {})


def outcome(response) -> int | str:
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return LOGIN
    return response.status_code


def assert_matrix(
    world: World,
    url: str | Callable[[World], str],
    expected: dict[str, int | str],
    *,
    method: str = "get",
    data: dict | Callable[[World], dict] | None = None,
) -> None:
    """Request `url` as every role in `expected` and compare the outcomes.

    `expected` must name every role in ROLES, so no cell is left untested.
    Each request runs in a savepoint that is rolled back, so a write made by
    one role never changes what the next role sees.
    """
    missing = set(ROLES) - set(expected)
    assert not missing, f"the matrix must name every role; missing {sorted(missing)}"
    target = url(world) if callable(url) else url
    payload = data(world) if callable(data) else data
    actual = {}
    for role in expected:
        with transaction.atomic():
            actual[role] = outcome(request_as(world, role, method, target, payload))
            transaction.set_rollback(True)
    assert actual == expected, f"{method.upper()} {target}"
