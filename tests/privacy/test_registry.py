"""Every app declares the personal data it holds, so subject access and erasure miss no
table: a new foreign key to the user that no `personal_data.py` names fails here."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist

from privacy.registry import tables


def _user_keys():
    user = get_user_model()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user:
                yield model._meta.label, field.name


def test_every_foreign_key_to_a_person_is_declared_by_some_app():
    declared = {
        (table.model._meta.label, lookup) for table in tables() for lookup in table.holds.by
    }

    missing = sorted(set(_user_keys()) - declared)

    assert not missing, f"declare these in <app>/personal_data.py: {missing}"


def test_declarations_name_real_lookups_and_columns():
    for table in tables():
        holds = table.holds
        queryset = table.model._base_manager.all()
        for lookup, changes in holds.by.items():
            queryset.filter(**{lookup: 1}).query  # noqa: B018 - builds, raising on a bad path
            for column in changes:
                table.model._meta.get_field(column)
        for column, changes in holds.by_email.items():
            table.model._meta.get_field(column)
            for changed in changes:
                table.model._meta.get_field(changed)
        for column in (*holds.mentions, *holds.secret):
            try:
                table.model._meta.get_field(column)
            except FieldDoesNotExist:
                raise AssertionError(f"{holds.model} has no column {column}") from None


def test_the_user_is_declared_once_with_the_name_and_email_replaced():
    user = [table for table in tables() if table.model is get_user_model()]

    assert len(user) == 1
    assert set(user[0].holds.by["pk"]) == {"name", "email"}
    assert "password" not in user[0].columns()


def test_each_table_is_declared_once():
    names = [table.name for table in tables()]

    assert sorted(name for name in set(names) if names.count(name) > 1) == []
