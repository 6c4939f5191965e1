"""A "no two rows overlap in time" constraint that the database enforces.

On PostgreSQL it is an exclusion constraint over a tstzrange (needs btree_gist
for the equality part). SQLite has no such thing, so there the schema carries
nothing and the services rely on `validate()`, run inside the writing
transaction; SQLite lets only one writer in at a time, so that check holds.
"""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS
from django.db.models import BaseConstraint, Func


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


def _on_postgres(schema_editor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


class NoOverlap(ExclusionConstraint):
    """Rows with the same `same` field must not overlap in [start, end)."""

    def __init__(
        self,
        *,
        name,
        same,
        condition,
        violation_error_message,
        start="starts_at",
        end="ends_at",
    ):
        self.same, self.start, self.end = same, start, end
        super().__init__(
            name=name,
            expressions=[
                (same, RangeOperators.EQUAL),
                (TsTzRange(start, end, RangeBoundary()), RangeOperators.OVERLAPS),
            ],
            condition=condition,
            violation_error_message=violation_error_message,
        )

    def deconstruct(self):
        path, args, kwargs = BaseConstraint.deconstruct(self)
        kwargs.update(same=self.same, condition=self.condition)
        if self.start != "starts_at":
            kwargs["start"] = self.start
        if self.end != "ends_at":
            kwargs["end"] = self.end
        return path, args, kwargs

    def constraint_sql(self, model, schema_editor):
        return super().constraint_sql(model, schema_editor) if _on_postgres(schema_editor) else None

    def create_sql(self, model, schema_editor):
        return super().create_sql(model, schema_editor) if _on_postgres(schema_editor) else None

    def remove_sql(self, model, schema_editor):
        return super().remove_sql(model, schema_editor) if _on_postgres(schema_editor) else None

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        """The same rule as a plain query, so it reads alike on every database."""
        if exclude and {self.same, self.start, self.end} & set(exclude):
            return
        starts_at, ends_at = getattr(instance, self.start), getattr(instance, self.end)
        if starts_at is None or ends_at is None:
            return
        field = model._meta.get_field(self.same)
        value = getattr(instance, field.attname)
        if value is None:
            return
        replacements = instance._get_field_expression_map(meta=model._meta, exclude=exclude)
        if not self.condition.check(replacements, using=using):
            return
        clashes = model._default_manager.using(using).filter(
            self.condition,
            **{field.attname: value, f"{self.start}__lt": ends_at, f"{self.end}__gt": starts_at},
        )
        if not instance._state.adding and instance.pk is not None:
            clashes = clashes.exclude(pk=instance.pk)
        if clashes.exists():
            raise ValidationError(
                self.get_violation_error_message(), code=self.violation_error_code
            )
