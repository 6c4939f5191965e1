"""What every app's reads and writes share about the database."""

from collections.abc import Callable
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
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
