"""Writing the trail. Nothing here changes or deletes an event: the trail is append-only.

Written by hand rather than with django-auditlog or django-pghistory: auditlog keeps the
object's `str()` (a person's name) and the actor's email in its rows, which an append-only
trail could never erase, and has no notion of the people an event concerns or of a
programme; pghistory needs PostgreSQL triggers, and Pioneer must also run on SQLite.
"""

import datetime
import decimal
from collections.abc import Iterable, Sequence

from django.apps import apps
from django.conf import settings
from django.db import connection, models

from accounts.models import Cohort, Membership, Programme, User
from audit.context import actor_of, origin, origin_of
from audit.models import Action, Event, Subject

# Fields whose change says nothing about anyone: not recorded, and a save that changes
# only these records no event.
IGNORED_FIELDS = frozenset({"last_login"})

CHANGED = "changed"


def tracked(model) -> dict | None:
    """The AUDIT_MODELS entry of `model`: where its programme and people are."""
    return settings.AUDIT_MODELS.get(model._meta.label)


def label_of(model, pk) -> str:
    """A label that names no person: "Progress entry #12"."""
    return f"{model._meta.verbose_name.capitalize()} #{pk}"


def _fields(model) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key
        and field.name not in IGNORED_FIELDS
        and not getattr(field, "auto_now", False)
        and not getattr(field, "auto_now_add", False)
    ]


def _shown(field: models.Field, value):
    """A value as the trail keeps it. Free text (names, emails, notes, tokens, password
    hashes) is never kept: only that it changed."""
    if value is None or field.is_relation:
        return value
    if isinstance(field, (models.CharField, models.TextField, models.JSONField)):
        return value if field.choices else CHANGED
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, datetime.timedelta)):
        return str(value)
    if isinstance(value, (bool, int, float)):
        return value
    return CHANGED


def changes_between(old, new) -> dict:
    """{field: [old, new]} for every field that differs, or {field: "changed"} for text.
    `old` None means `new` was just made: its filled-in fields."""
    changes = {}
    for field in _fields(type(new)):
        after = getattr(new, field.attname)
        before = None if old is None else getattr(old, field.attname)
        if before == after or (old is None and after in (None, "")):
            continue
        shown = _shown(field, after)
        changes[field.name] = CHANGED if shown == CHANGED else [_shown(field, before), shown]
    return changes


def _paths(entry: dict) -> list[str]:
    return [entry.get("programme") or "", *entry.get("people", ())]


def _resolve(model, instances: Sequence, entry: dict) -> dict[object, list]:
    """Each instance's [programme id, person id...], in one query when a path crosses a
    relation, in none when every path is a field of the instance."""
    paths = _paths(entry)
    if all("__" not in path for path in paths):
        return {
            obj.pk: [
                obj.pk if path == "pk" else (getattr(obj, f"{path}_id") if path else None)
                for path in paths
            ]
            for obj in instances
        }
    lookups = [(f"{path}_id" if path and path != "pk" else path) for path in paths]
    rows = model._base_manager.filter(pk__in=[obj.pk for obj in instances]).values_list(
        "pk", *[lookup for lookup in lookups if lookup]
    )
    found = {}
    for pk, *values in rows:
        values = iter(values)
        found[pk] = [next(values) if lookup else None for lookup in lookups]
    return found


def _new_event(
    *, action, object_type, object_id="", object_label="", programme_id=None, changes, request=None
):
    current = origin.get() if request is None else origin_of(request)
    actor, actor_label = actor_of(current)
    return Event(
        action=action,
        actor=actor,
        actor_label=actor_label,
        object_type=object_type,
        object_id=str(object_id),
        object_label=object_label,
        programme_id=programme_id,
        changes=changes,
        ip=current.ip,
        path=current.path[:500],
    )


def _save(events: list[Event], people: list[Iterable]) -> list[Event]:
    """Insert events and then who each is about (ids returned by the insert)."""
    if len(events) == 1:
        events[0].save()
    else:
        Event.objects.bulk_create(events)
    subjects = [
        Subject(event=event, person_id=person)
        for event, persons in zip(events, people, strict=True)
        for person in dict.fromkeys(p for p in persons if p is not None)
    ]
    if subjects:
        Subject.objects.bulk_create(subjects)
    return events


def changes_record(*, action: str, pairs: Sequence[tuple[object, object]]) -> list[Event]:
    """Record changes to rows of one tracked model: `pairs` of (before, after), before
    None for a new row, after the row (as it was) for a deletion. A bulk write (a
    queryset's update or bulk_create, which send no signals) calls this itself."""
    if not pairs:
        return []
    model = type(pairs[0][1])
    entry = tracked(model)
    if entry is None:
        return []
    rows = []
    for before, after in pairs:
        changes = {} if action == Action.DELETE else changes_between(before, after)
        if changes or action == Action.DELETE:
            rows.append((after, changes))
    if not rows:
        return []
    where = _resolve(model, [after for after, _ in rows], entry)
    events, people = [], []
    for after, changes in rows:
        programme_id, *persons = where.get(after.pk) or [None]
        events.append(
            _new_event(
                action=action,
                object_type=model._meta.label_lower,
                object_id=after.pk,
                object_label=label_of(model, after.pk),
                programme_id=programme_id,
                changes=changes,
            )
        )
        people.append(persons)
    return _save(events, people)


def values_record(*, obj, changes: dict, people: Sequence[int] | None = None) -> Event | None:
    """Values kept in rows of their own, replaced wholesale (a response's answers, a
    fellow's ratings), recorded as one change of `obj` (a tracked row) with `changes`
    ({"Answer to statement #12": [3, 4]}); `people` when not `obj`'s own."""
    entry = tracked(type(obj))
    if not changes or entry is None:
        return None
    model = type(obj)
    programme_id, *persons = _resolve(model, [obj], entry).get(obj.pk) or [None]
    event = _new_event(
        action=Action.UPDATE,
        object_type=model._meta.label_lower,
        object_id=obj.pk,
        object_label=label_of(model, obj.pk),
        programme_id=programme_id,
        changes=changes,
    )
    return _save([event], [people if people is not None else persons])[0]


def m2m_labels(obj, field) -> list[str]:
    """What `obj`'s many-to-many `field` holds now, as labels naming no person: a theme's
    or a group's name, but "User #3" for a person (or anything about one)."""
    target = field.remote_field.model
    entry = tracked(target)
    related = target._base_manager.filter(**{field.related_query_name(): obj.pk}).order_by("pk")
    if target is User or (entry and entry.get("people")):
        return [label_of(target, pk) for pk in related.values_list("pk", flat=True)]
    return [str(item)[:100] for item in related]


def m2m_record(*, obj, field, before: list[str]) -> Event | None:
    """A many-to-many edit of `obj`, as one change from the set `before` to the set now."""
    after = m2m_labels(obj, field)
    if after == before:
        return None
    return values_record(obj=obj, changes={field.name: [before, after]})


def account_record(*, action: str, user: User | None, request=None) -> Event:
    """A sign-in, sign-out, failed sign-in or two-factor change of `user`'s account (None:
    a failed sign-in to an address that has no account). `request`, when the signal
    gives one: allauth sends some after the commit, which may be after the request."""
    event = _new_event(
        request=request,
        action=action,
        object_type="account",
        object_id=user.pk if user else "",
        object_label=label_of(User, user.pk) if user else "Unknown account",
        changes={},
    )
    if event.actor is None and action != Action.SIGN_IN_FAILED and user is not None:
        event.actor, event.actor_label = user, ""
    return _save([event], [[user.pk if user else None]])[0]


def _people_of(about) -> models.QuerySet | None:
    """The ids of the people a download is about."""
    if isinstance(about, User):
        return User.objects.filter(pk=about.pk).values("pk").order_by()
    if isinstance(about, Programme):
        return Membership.objects.filter(programme=about).values("user_id").order_by().distinct()
    cohort_id = about.pk if isinstance(about, Cohort) else getattr(about, "cohort_id", None)
    if cohort_id is not None:
        return (
            Membership.objects.filter(cohort_id=cohort_id).values("user_id").order_by().distinct()
        )
    return None


def _programme_id_of(about) -> int | None:
    if about is None or isinstance(about, User):
        return None
    if isinstance(about, Programme):
        return about.pk
    if getattr(about, "programme_id", None) is not None:
        return about.programme_id
    cohort = getattr(about, "cohort", None)
    return cohort.programme_id if cohort is not None else None


def download_record(*, file_name: str, about=None, people: models.QuerySet | None = None) -> Event:
    """A file of personal data sent to someone. `about` (a programme, a cohort, anything
    with a cohort, or a person) says whose data it holds, and `people` (a one-column
    queryset of user ids) whom, when not the members of `about`. They become the event's
    subjects in one INSERT ... SELECT, whatever their number."""
    event = _new_event(
        action=Action.DOWNLOAD,
        object_type="download",
        object_id=about.pk if about is not None else "",
        object_label=file_name,
        programme_id=_programme_id_of(about),
        changes={},
    )
    event.save()
    if people is None and about is not None:
        people = _people_of(about)
    if people is not None:
        people = people.order_by().distinct()
        sql, params = people.query.sql_with_params()
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(Subject._meta.db_table)} "
                f"({quote('event_id')}, {quote('person_id')}) "
                f"SELECT %s, people.* FROM ({sql}) AS people",
                [event.pk, *params],
            )
    return event


def tracked_models() -> list:
    return [apps.get_model(label) for label in settings.AUDIT_MODELS]
