"""Twenty fellows press "Confirm booking" at the same moment on the embedded default:
Django's threaded development server on a SQLite file, as `make run` serves it.

It brings its own SQLite file, so it runs whatever database the rest of the suite uses.
"""

import re
import sqlite3
import threading
from collections import Counter
from pathlib import Path

import pytest

from core.db import DATABASE_BUSY
from mentoring.models import SLOT_TAKEN
from tests.sqlite_server import Browser, Response, manage, run_python, runserver, sqlite_env

RACERS = 20
AGENDA = "Help me plan my pilot"
DEBUG_ERROR = re.compile(r'<pre class="exception_value">(.*?)</pre>', re.DOTALL)


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sqlite-race")
    manage("migrate", "--noinput", env=sqlite_env(folder))
    return folder


@pytest.fixture(scope="module")
def server(database):
    env = sqlite_env(database)
    with runserver(env, database / "server.log") as port:
        yield port, env


@pytest.fixture(scope="module")
def impatient_server(database):
    """A second server on the same file that waits only a second for the write lock."""
    env = sqlite_env(database)
    env["DATABASE_URL"] += "?timeout=1"
    with runserver(env, database / "impatient.log") as port:
        yield port, env


def seed(env) -> tuple[list[int], list[str]]:
    made = run_python(f"from tests.mentoring.race_data import seed; seed({RACERS})", env=env)
    return made["slots"], made["sessions"]


def booked_count(env, slots: list[int]) -> int:
    code = (
        "import json; from mentoring.models import Booking; print(json.dumps("
        f"Booking.objects.filter(slot__in={slots}, status='booked').count()))"
    )
    return run_python(code, env=env)


def outcome(response: Response) -> str:
    if response.status == 302 and "/mentoring/bookings/" in response.headers["Location"]:
        return "booked"
    if response.status == 200 and SLOT_TAKEN in response.text:
        return SLOT_TAKEN
    error = DEBUG_ERROR.search(response.text)
    return f"HTTP {response.status}: {error.group(1).strip() if error else response.text[:200]}"


def race(port: int, sessions: list[str], slots: list[int]) -> Counter:
    """Each fellow opens the booking form, then all post it at the same moment."""
    barrier = threading.Barrier(len(sessions))
    outcomes = [""] * len(sessions)

    def book(index: int) -> None:
        browser, path = Browser(port, sessions[index]), f"/mentoring/slots/{slots[index]}/book/"
        try:
            token = browser.open_form(path)
            barrier.wait(timeout=120)
            outcomes[index] = outcome(browser.post(path, token, {"agenda": AGENDA}))
        except Exception as error:  # anything else is a failure of the test
            barrier.abort()
            outcomes[index] = f"error: {error!r}"

    threads = [threading.Thread(target=book, args=(i,)) for i in range(len(sessions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return Counter(outcomes)


def test_twenty_fellows_booking_one_slot_at_once_on_sqlite_get_one_booking(server):
    port, env = server
    slots, sessions = seed(env)

    outcomes = race(port, sessions, [slots[0]] * RACERS)

    print(f"\n{RACERS} fellows on one slot: {dict(outcomes)}")
    assert outcomes == {"booked": 1, SLOT_TAKEN: RACERS - 1}
    assert booked_count(env, [slots[0]]) == 1


def test_twenty_fellows_booking_different_slots_at_once_on_sqlite_all_get_theirs(server):
    port, env = server
    slots, sessions = seed(env)

    outcomes = race(port, sessions, slots)

    print(f"\n{RACERS} fellows on {RACERS} slots: {dict(outcomes)}")
    assert outcomes == {"booked": RACERS}
    assert booked_count(env, slots) == RACERS


def test_a_booking_that_waits_too_long_for_the_database_says_try_again(database, impatient_server):
    port, env = impatient_server
    slots, sessions = seed(env)
    fellow, path = Browser(port, sessions[0]), f"/mentoring/slots/{slots[0]}/book/"
    token = fellow.open_form(path)
    # Something else holds the write lock for longer than the server waits for it.
    holder = sqlite3.connect(database / "db.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        busy = fellow.post(path, token, {"agenda": AGENDA})
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    assert busy.status == 200, outcome(busy)
    assert DATABASE_BUSY in busy.text
    assert booked_count(env, slots) == 0
    assert outcome(fellow.post(path, token, {"agenda": AGENDA})) == "booked"
