"""Stamps that key cached pages: how much a programme's, a cohort's or a person's data has
changed.

Every write to data a cached page shows inserts a `Change` row in the writer's own
transaction, so a reader sees a new stamp exactly when it sees the new data: a page is
never served from a cache entry older than the last committed write. Saves and deletes of
watched models are recorded by signals (`watch`); a service that writes with `update()` or
`bulk_create()`, which send no signals, calls `record` itself. Rows are only ever inserted,
so concurrent writers never wait on a shared counter row (and cannot deadlock on one); a
stamp is the sum of the rows' weights, which `compact` keeps while folding rows together.

Written here because no library we found keys a cache on a transactional version: the
cache libraries invalidate after commit (a window in which stale pages are served) or by
time.
"""

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from core.models import Change


@dataclass
class Places:
    """Whose data a write touched: programmes, (programme, cohort) pairs, people and
    recruitment rounds."""

    programmes: set[int] = field(default_factory=set)
    cohorts: set[tuple[int, int]] = field(default_factory=set)
    users: set[int] = field(default_factory=set)
    rounds: set[int] = field(default_factory=set)

    def __or__(self, other: "Places") -> "Places":
        return Places(
            self.programmes | other.programmes,
            self.cohorts | other.cohorts,
            self.users | other.users,
            self.rounds | other.rounds,
        )


NOWHERE = Places()


def record(places: Places) -> None:
    """Note a write to `places`, in the current transaction."""
    rows = [Change(programme_id=p, cohort_id=c) for p, c in places.cohorts]
    # A programme row reaches every cohort of it, so it is kept beside cohort rows.
    rows += [Change(programme_id=p) for p in places.programmes]
    rows += [Change(user_id=u) for u in places.users]
    rows += [Change(round_id=r) for r in places.rounds]
    if rows:
        Change.objects.bulk_create(rows)


def parent_values(instance, model, fk: str, *paths: str) -> tuple | None:
    """The values along `paths` of the `model` row whose id `instance` holds in `fk` (for
    "application_id" and "round_id", the application's round). Read from the rows loaded
    with `instance` when they all are (a service saving each answer of an application it
    holds), else in one query; the parent still exists when `instance` is being deleted.
    None when `instance` has no parent."""
    parent_id = getattr(instance, fk)
    if parent_id is None:
        return None
    values = []
    for path in paths:
        *relations, name = path.split("__")
        row = _loaded(instance, [fk.removesuffix("_id"), *relations])
        if row is _NOT_LOADED:
            return model.objects.filter(pk=parent_id).values_list(*paths).first()
        values.append(None if row is None else getattr(row, name))
    return tuple(values)


_NOT_LOADED = object()


def _loaded(row, relations: list[str]):
    for relation in relations:
        field = row._meta.get_field(relation)
        if not field.is_cached(row):
            return _NOT_LOADED
        row = field.get_cached_value(row)
        if row is None:
            return None
    return row


def stamp(*, programme: int | None = None, cohort: int | None = None) -> str:
    """One query: the stamp of a programme (any write in it, its cohorts' included), or of
    a cohort of `programme` (writes to the cohort, and to the programme outside cohorts)."""
    if cohort is not None:
        where = "cohort_id = %s OR (programme_id = %s AND cohort_id IS NULL)"
        params = [cohort, programme]
    else:
        where, params = "programme_id = %s", [programme]
    return f"{programme}.{cohort}.{sum_where(where, params)}"


def cohort_stamp(cohort) -> str:
    """The stamp of a cohort's pages (its own writes and its programme's)."""
    return stamp(programme=cohort.programme_id, cohort=cohort.pk)


def programmes_stamp(ids) -> str | None:
    """One query: the stamp of several programmes (a person's home shows them all); None
    for none, so a page of someone in no programme is not cached."""
    ids = sorted(set(ids))
    if not ids:
        return None
    total = sum_where(f"programme_id IN ({', '.join(['%s'] * len(ids))})", ids)
    return f"{','.join(map(str, ids))}.{total}"


def round_stamp(round_id: int) -> str:
    """One query: the stamp of a recruitment round (its applications, reviews, decisions)."""
    return f"r{round_id}.{sum_where('round_id = %s', [round_id])}"


def sum_where(where: str, params: list) -> int:
    """The summed weight of the change rows `where` (SQL on the change table's columns)."""
    # Raw SQL: a stamp is read on every cached page, and compiling the ORM's aggregate
    # took longer than running it.
    with connection.cursor() as cursor:
        cursor.execute(_sum_sql(where), params)
        return cursor.fetchone()[0]


def user_stamp_sql(user_id: int) -> tuple[str, list]:
    """A person's own stamp as SQL and its parameters, to read with their row in one query
    (accounts.backends)."""
    return _sum_sql("user_id = %s"), [user_id]


def _sum_sql(where: str) -> str:
    return f"SELECT COALESCE(SUM(weight), 0) FROM {Change._meta.db_table} WHERE {where}"


# Watching models.

_watched: dict[type, list[Callable[[object], Places]]] = {}


def watch(model, places: Callable[[object], Places]) -> None:
    """Record every save and delete of `model` against `places(instance)`. An app above
    the model's own may watch it too (recruitment shows people and cohorts): each write
    is recorded against every app's places."""
    _add(model, places)
    uid = f"changes:{model._meta.label}"
    post_save.connect(_on_save, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(_on_delete, sender=model, weak=False, dispatch_uid=uid)


def watch_m2m(through, places: Callable[[object], Places]) -> None:
    """Record changes to a many-to-many field (its `through` model) against the owner."""
    _add(through, places)
    m2m_changed.connect(
        _on_m2m, sender=through, weak=False, dispatch_uid=f"changes:{through._meta.label}"
    )


def _add(model, places) -> None:
    watchers = _watched.setdefault(model, [])
    if places not in watchers:  # an app's ready() run again (as tests may) adds nothing
        watchers.append(places)


def watched_models() -> set[type]:
    return set(_watched)


def _on_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:  # loading fixtures
        return
    if update_fields is not None:
        fields = set(update_fields)
        if fields <= IGNORED_FIELDS:
            return
        if fields <= OWN_FIELDS and sender is get_user_model():
            record(Places(users={instance.pk}))
            return
    record(_places(sender, instance))


def _on_delete(sender, instance, **kwargs):
    record(_places(sender, instance))


def _on_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        record(_places(sender, instance))


def _places(sender, instance) -> Places:
    places = NOWHERE
    for places_of in _watched[sender]:
        places = places | places_of(instance)
    return places


# Fields whose saves no cached page shows: a sign-in stamps only `last_login`.
IGNORED_FIELDS = {"last_login"}
# A person's fields that only their own pages show (the calendar page's private address):
# a new one moves their own stamp, not the pages of every programme they are in.
OWN_FIELDS = {"calendar_token"}


# Keeping the table small.


@transaction.atomic
def compact(limit: int = 200_000) -> int:
    """Fold up to `limit` of the oldest rows into one row per (programme, cohort, person,
    round), keeping every stamp's sum. Returns how many rows it removed."""
    rows = list(
        Change.objects.order_by("pk").values_list(
            "pk", "programme_id", "cohort_id", "user_id", "round_id", "weight"
        )[:limit]
    )
    weights: Counter = Counter()
    for _, *scope, weight in rows:
        weights[tuple(scope)] += weight
    if len(weights) == len(rows):
        return 0
    ids = [row[0] for row in rows]
    for start in range(0, len(ids), 5000):
        Change.objects.filter(pk__in=ids[start : start + 5000]).delete()
    Change.objects.bulk_create(
        Change(programme_id=p, cohort_id=c, user_id=u, round_id=r, weight=w)
        for (p, c, u, r), w in weights.items()
    )
    return len(rows) - len(weights)


# Keys.


def _release() -> str:
    """Changes with the code: the newest modification time of the templates and Python
    files, so a deploy never serves HTML rendered by the old templates. And with the
    install's secret key: two installs sharing a Redis never read each other's pages."""
    newest = 0.0
    for folder in (Path(settings.BASE_DIR) / name for name in settings.PIONEER_CODE_DIRS):
        for path in folder.rglob("*"):
            if path.suffix in (".py", ".html", ".txt"):
                newest = max(newest, path.stat().st_mtime)
    return hashlib.sha1(f"{newest}:{settings.SECRET_KEY}".encode()).hexdigest()[:8]


_release_cache: list[str] = []


def release() -> str:
    if not _release_cache:
        _release_cache.append(_release())
    return _release_cache[0]


def key(*parts) -> str:
    return ":".join(["page", release(), *map(str, parts)])
