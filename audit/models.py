"""The audit trail: who changed, downloaded or signed in to what, and when. Append-only.

The shape, for the apps that read it (the privacy app's subject access export):

- `Event`: one thing that happened. `at` (UTC), `actor` (the person who did it; null for
  the system or an anonymous visitor, with `actor_label` saying which), `action` (an
  `Action`), `object_type` ("app_label.model", or "download" / "account" for downloads and
  sign-ins), `object_id` (text), `object_label` (a label without personal data, such as
  "Project #12" or a file name), `programme` (null when the event belongs to no programme,
  such as a sign-in), `changes` ({field: [old, new]}, or {field: "changed"} for free text,
  whose content is never kept), `ip` and `path` of the request.
- `Subject`: one row per person the event is about, so "activity on your data", the
  subject access export and the programme trail's person filter find it.

No name or email is ever written into an event: the trail cannot be edited, so erasure
could not remove them. Names are shown at display time through the foreign keys, which
erasure anonymises. The foreign keys carry no database constraint and do nothing on
delete: the trail outlives what it is about, and an append-only table cannot be updated
to null them.
"""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone

from accounts.models import Programme

APPEND_ONLY = "The audit trail is append-only: events are never changed or deleted."


class Action(models.TextChoices):
    CREATE = "create", "Created"
    UPDATE = "update", "Changed"
    DELETE = "delete", "Deleted"
    DOWNLOAD = "download", "Downloaded"
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Failed sign-in"
    SIGN_OUT = "sign_out", "Signed out"
    MFA_CHANGE = "mfa_change", "Changed two-factor authentication"


class AppendOnlyQuerySet(models.QuerySet):
    """Refuses bulk changes, as the PostgreSQL triggers do (see the 0002 migration)."""

    def update(self, **kwargs):
        raise TypeError(APPEND_ONLY)

    def delete(self):
        raise TypeError(APPEND_ONLY)

    def bulk_update(self, objs, fields, batch_size=None):
        raise TypeError(APPEND_ONLY)


class AppendOnly(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError(APPEND_ONLY)
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError(APPEND_ONLY)


def _trail_fk(to, **kwargs):
    """A reference the trail keeps even when its target goes (see the module docstring)."""
    return models.ForeignKey(
        to, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", **kwargs
    )


class Event(AppendOnly):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = _trail_fk(settings.AUTH_USER_MODEL, null=True, blank=True)
    actor_label = models.CharField(max_length=50, blank=True)
    action = models.CharField(max_length=20, choices=Action)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(max_length=200, blank=True)
    programme = _trail_fk(Programme, null=True, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    path = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["programme", "-at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self):
        return f"{self.get_action_display()} {self.object_label or self.object_type}"

    @property
    def kind(self) -> str:
        return kind_of(self.object_type)

    @property
    def change_lines(self) -> list[str]:
        return described(self)

    @property
    def actor_name(self) -> str:
        """Who did it, read now from the account (so an erased person shows anonymised)."""
        if self.actor_id is not None:
            return self.actor.name if self.actor else f"Person #{self.actor_id}"
        return {"system": "Pioneer (automatic)", "anonymous": "Someone not signed in"}.get(
            self.actor_label, self.actor_label or "Unknown"
        )


class Subject(AppendOnly):
    """A person an event is about."""

    event = models.ForeignKey(Event, on_delete=models.DO_NOTHING, related_name="subjects")
    person = _trail_fk(settings.AUTH_USER_MODEL)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="audit_subject_once"),
        ]
        indexes = [models.Index(fields=["person", "event"])]

    def __str__(self):
        return f"Person #{self.person_id} in event #{self.event_id}"

    @property
    def name(self) -> str:
        return self.person.name if self.person else f"Person #{self.person_id}"


def _model_of(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def kind_of(object_type: str) -> str:
    """ "Progress entry", "Download", "Account": what an object type is called."""
    model = _model_of(object_type)
    if model is None:
        return object_type.capitalize()
    return str(model._meta.verbose_name).capitalize()


def _value(value) -> str:
    if value is None or value == "" or value == []:
        return "none"
    if isinstance(value, list):  # a many-to-many field's labels
        return ", ".join(str(item) for item in value)
    if value is True or value is False:
        return "yes" if value else "no"
    return str(value)


def described(event: Event) -> list[str]:
    """Each change of `event` as a line: "RAG status: green to red", "Hopes: changed"."""
    model = _model_of(event.object_type)
    lines = []
    for name, change in event.changes.items():
        try:
            label = str(model._meta.get_field(name).verbose_name) if model else name
        except FieldDoesNotExist:
            label = name.replace("_", " ")
        label = label[:1].upper() + label[1:]
        if change == "changed" or not isinstance(change, list):
            lines.append(f"{label}: changed")
        elif event.action == Action.CREATE:
            lines.append(f"{label}: {_value(change[1])}")
        else:
            lines.append(f"{label}: {_value(change[0])} to {_value(change[1])}")
    return lines
