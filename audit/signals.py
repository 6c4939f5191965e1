"""Record changes to the models in settings.AUDIT_MODELS, sign-ins and two-factor changes.

Every save through a form, a service or the Django admin goes through `Model.save` and
`Model.delete`, so the model signals see them; many-to-many edits (a project's themes, a
mentor's expertise, a user's groups in the admin) send `m2m_changed`. Bulk writes
(queryset.update, bulk_create) send no signal: their services call
`audit.services.changes_record`.
"""

from allauth.mfa.signals import authenticator_added, authenticator_removed, authenticator_reset
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save

from audit import services
from audit.context import origin
from audit.models import Action


def _before_save(sender, instance, raw=False, **kwargs):
    # The row as it is in the database, to compare with what is being saved.
    instance._audit_before = None
    if not raw and not instance._state.adding and instance.pk is not None:
        instance._audit_before = sender._base_manager.filter(pk=instance.pk).first()


def _after_save(sender, instance, created, raw=False, **kwargs):
    if raw:  # loading fixtures
        return
    before = None if created else getattr(instance, "_audit_before", None)
    if not created and before is None:
        return
    action = Action.CREATE if created else Action.UPDATE
    services.changes_record(action=action, pairs=[(before, instance)])


def _before_delete(sender, instance, **kwargs):
    services.changes_record(action=Action.DELETE, pairs=[(instance, instance)])


def _m2m_changing(sender, instance, action, reverse, **kwargs):
    # Only the side a form or the admin edits (a project's themes, not a theme's
    # projects): no page in Pioneer edits these relations from the other side.
    if reverse or not action.startswith("pre_"):
        return
    field = next(
        (f for f in type(instance)._meta.many_to_many if f.remote_field.through is sender), None
    )
    if field is None:
        return
    # `set()` removes and then adds, each with its own signals: the set as it was before
    # the first of them, compared once the transaction commits, makes one event of both.
    # Keyed by the transaction and its savepoints, so an edit rolled back to a savepoint
    # (whose callback is dropped) does not hide the next one.
    connection = transaction.get_connection()
    blocks = connection.atomic_blocks
    key = (blocks[0] if blocks else None, tuple(filter(None, connection.savepoint_ids)))
    pending = instance.__dict__.setdefault("_audit_m2m", {})
    if key[0] is not None and pending.get(field.name, (None,))[0] == key:
        return
    before = services.m2m_labels(instance, field)
    pending[field.name] = (key, before)
    current = origin.get()

    def record():
        if pending.get(field.name, (None,))[0] == key:
            del pending[field.name]
        token = origin.set(current)
        try:
            services.m2m_record(obj=instance, field=field, before=before)
        finally:
            origin.reset(token)

    transaction.on_commit(record)


def connect_models() -> None:
    # One receiver per model (not for every sender), so models outside the trail keep
    # Django's fast delete.
    for model in services.tracked_models():
        uid = f"audit-{model._meta.label_lower}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=uid)
        post_save.connect(_after_save, sender=model, dispatch_uid=uid)
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=uid)
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _m2m_changing,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}-{field.name}",
            )


def _signed_in(sender, request, user, **kwargs):
    services.account_record(action=Action.SIGN_IN, user=user, request=request)


def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        services.account_record(action=Action.SIGN_OUT, user=user, request=request)


def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # Only whose account was tried, never the address typed: it may be nobody's.
    email = credentials.get("email") or credentials.get("username") or ""
    user = get_user_model()._default_manager.filter(email__iexact=email.strip()).first()
    services.account_record(action=Action.SIGN_IN_FAILED, user=user, request=request)


def _mfa_changed(sender, request, user=None, **kwargs):
    user = user or getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        services.account_record(action=Action.MFA_CHANGE, user=user, request=request)


def connect_accounts() -> None:
    user_logged_in.connect(_signed_in, dispatch_uid="audit-sign-in")
    user_logged_out.connect(_signed_out, dispatch_uid="audit-sign-out")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="audit-sign-in-failed")
    for signal in (authenticator_added, authenticator_removed, authenticator_reset):
        signal.connect(_mfa_changed, dispatch_uid=f"audit-mfa-{id(signal)}")
