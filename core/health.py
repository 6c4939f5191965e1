"""What /healthz reports: each part Pioneer depends on, and whether it answers.

Each check is bounded in time (a down or hung Redis answers within the socket timeouts
set in settings) and names only the kind of failure: the page is public.
"""

import logging
from datetime import timedelta
from urllib.parse import urlsplit

from celery import current_app
from django.core.cache import caches
from django.db import connection
from django.db.models import Count, Max, Min
from django.utils import timezone

from core.cache import RedisCache
from core.heartbeat import BEAT, WORKER_PREFIX
from core.models import Heartbeat, OutboxTask

logger = logging.getLogger(__name__)

OK, FAILING, NOT_CONFIGURED, UNKNOWN = "ok", "failing", "not configured", "unknown"

# Workers stamp every 30 s and beat every minute: three minutes of silence is a failure.
SILENT_AFTER = timedelta(minutes=3)
# The sweep runs every minute: a task waiting longer is held back by a failing part.
OUTBOX_LATE_AFTER = timedelta(minutes=5)


def _failed(part: str, error: Exception, **facts) -> dict:
    logger.warning("Health check: %s is failing: %s: %s", part, type(error).__name__, error)
    return {"status": FAILING, **facts, "error": type(error).__name__}


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return _failed("database", error)
    return {"status": OK}


def _broker() -> dict:
    app = current_app
    if app.conf.task_always_eager:
        return {"status": NOT_CONFIGURED, "detail": "tasks run in-process"}
    kind = urlsplit(app.conf.broker_url).scheme
    try:
        with app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=0)
    except Exception as error:
        return _failed("broker", error, kind=kind)
    return {"status": OK, "kind": kind}


def _cache() -> dict:
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        return {"status": NOT_CONFIGURED, "detail": "local memory"}
    try:
        cache.ping()
    except Exception as error:
        return _failed("cache", error, kind="redis")
    return {"status": OK, "kind": "redis"}


def _age(moment, now) -> int | None:
    return None if moment is None else max(0, round((now - moment).total_seconds()))


def _stamped(last_seen, now, *, needed: bool, **facts) -> dict:
    """A part that stamps a heartbeat: fine if heard from lately."""
    if last_seen is not None and now - last_seen <= SILENT_AFTER:
        status = OK
    else:
        status = FAILING if needed else NOT_CONFIGURED
    return {"status": status, **facts, "last_seen_seconds": _age(last_seen, now)}


def _workers(now, *, needed: bool) -> dict:
    workers = Heartbeat.objects.filter(name__startswith=WORKER_PREFIX)
    recent = workers.filter(seen_at__gte=now - SILENT_AFTER).count()
    last_seen = workers.aggregate(last=Max("seen_at"))["last"]
    return _stamped(last_seen, now, needed=needed, recent=recent)


def _beat(now, *, needed: bool) -> dict:
    last_seen = Heartbeat.objects.filter(name=BEAT).values_list("seen_at", flat=True).first()
    return _stamped(last_seen, now, needed=needed)


def _outbox(now) -> dict:
    waiting = OutboxTask.objects.aggregate(count=Count("pk"), oldest=Min("created_at"))
    late = waiting["oldest"] is not None and now - waiting["oldest"] > OUTBOX_LATE_AFTER
    return {
        "status": FAILING if late else OK,
        "waiting": waiting["count"],
        "oldest_seconds": _age(waiting["oldest"], now),
    }


def report() -> dict:
    """{"status": "ok" | "degraded" | "down", "failing": [...], "checks": {part: {...}}}."""
    checks = {"database": _database(), "broker": _broker(), "cache": _cache()}
    if checks["database"]["status"] == OK:
        now = timezone.now()
        # Without a broker, tasks run in-process: workers and beat are optional then.
        needed = checks["broker"]["status"] != NOT_CONFIGURED
        checks["workers"] = _workers(now, needed=needed)
        checks["beat"] = _beat(now, needed=needed)
        checks["outbox"] = _outbox(now)
    else:
        checks.update({part: {"status": UNKNOWN} for part in ("workers", "beat", "outbox")})
    failing = [part for part, check in checks.items() if check["status"] == FAILING]
    status = "degraded" if failing else "ok"
    if checks["database"]["status"] == FAILING:
        status = "down"
    return {"status": status, "failing": failing, "checks": checks}
