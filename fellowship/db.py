"""What every app's writes share about the database."""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import OperationalError

DATABASE_BUSY = "Pioneer is busy at the moment and could not save this. Try again."


@contextmanager
def refused_when_busy():
    """On SQLite, writers queue for the write lock for the `timeout` of settings.DATABASES;
    one still waiting then gets "database is locked". It changed nothing, so it becomes a
    refusal the form shows, like any other, rather than a server error.

    Use it outside `transaction.atomic`, which is where the lock is taken."""
    try:
        yield
    except OperationalError as error:
        if "database is locked" not in str(error):
            raise
        raise ValidationError(DATABASE_BUSY) from error
