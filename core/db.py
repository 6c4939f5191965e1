"""What every app's reads and writes share about the database."""

from collections.abc import Callable
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Count, IntegerField, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce


def count_of(queryset: QuerySet, group: str) -> Coalesce:
    """COUNT(*) of a correlated queryset as an annotation (0 when there are none)."""
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


@contextmanager
def refused_on_conflict(message: str | Callable[[IntegrityError], str], refusal=ValidationError):
    """Write in a savepoint; a unique or exclusion constraint that a concurrent writer won
    after our own checks passed becomes `refusal(message)`, which the form shows."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        text = message(error) if callable(message) else message
        raise refusal(text) from error


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
