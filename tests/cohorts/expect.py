"""Matrix rows that recur across cohort pages (see PRODUCT.md's permission matrix)."""

from tests.matrix import LOGIN


def cohort_members_read(ok: int = 200) -> dict:
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


def adviser_writes(ok: int = 200) -> dict:
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


def adviser_only(ok: int = 200) -> dict:
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


def signed_in(ok: int = 200) -> dict:
    """Pages about the person themself: anyone signed in."""
    return dict.fromkeys(adviser_only(), ok) | {"anonymous": LOGIN}
