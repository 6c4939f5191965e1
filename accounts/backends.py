"""Sign-in backends that read a person's own stamp (core.changes) with their row.

Every signed-in request loads the user; reading the stamp in the same query lets the
roles and the header's open wave come from the cache (core.cached.for_user) instead of
two more queries, and still change the moment a membership or wave is written.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from core.changes import user_stamp_sql


class _StampedUser:
    def get_user(self, user_id):
        # Raw SQL: compiling the ORM's query took longer than running it, and this runs on
        # every signed-in request.
        model = get_user_model()
        table, pk = model._meta.db_table, model._meta.pk.column
        stamp, params = user_stamp_sql(user_id)
        users = model._default_manager.raw(
            f"SELECT *, ({stamp}) AS own_stamp FROM {table} WHERE {pk} = %s",
            [*params, user_id],
        )
        user = next(iter(users), None)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(_StampedUser, DjangoModelBackend):
    pass


class AuthenticationBackend(_StampedUser, AllauthBackend):
    pass
