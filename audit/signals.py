"""Record changes to the models in settings.AUDIT_MODELS, sign-ins and two-factor changes.

Every save through a form, a service or the Django admin goes through `Model.save` and
`Model.delete`, so the model signals see them. Bulk writes (queryset.update,
bulk_create) send no signal: their services call `audit.services.changes_record`.
"""

from allauth.mfa.signals import authenticator_added, authenticator_removed, authenticator_reset
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save, pre_delete, pre_save

from audit import services
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


def connect_models() -> None:
    # One receiver per model (not for every sender), so models outside the trail keep
    # Django's fast delete.
    for model in services.tracked_models():
        uid = f"audit-{model._meta.label_lower}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=uid)
        post_save.connect(_after_save, sender=model, dispatch_uid=uid)
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=uid)


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
