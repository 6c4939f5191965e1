"""Races: jobs started at the same moment, each in its own thread and database connection.

Only PostgreSQL has concurrent writers (SQLite takes one at a time), so tests of races ask for
the `postgresql` fixture (tests/conftest.py): in CI they fail rather than skip without it."""

import threading
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import connections


def race(jobs, won: Callable[[object], str] = lambda result: "done") -> list[str]:
    """Each job's outcome: `won(its result)`, or the message of the ValidationError that
    refused it. Any other exception is written as "error: ..." for the test to fail on."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list[str] = [""] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            outcomes[index] = won(job())
        except ValidationError as error:
            outcomes[index] = " ".join(error.messages)
        except Exception as error:
            outcomes[index] = f"error: {error!r}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes
