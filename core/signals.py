import logging
import time
from weakref import WeakKeyDictionary

from celery.signals import heartbeat_sent
from django.db import close_old_connections

from core.heartbeat import WORKER_PREFIX, stamp

logger = logging.getLogger(__name__)

STAMP_EVERY = 30  # seconds; a worker's event heartbeat comes every 2
_next_stamp: WeakKeyDictionary = WeakKeyDictionary()


@heartbeat_sent.connect
def worker_alive(sender, **kwargs):
    """Write down, every 30 s, that this worker is alive (`sender` is its `Heart`)."""
    now = time.monotonic()
    if now < _next_stamp.get(sender, 0):
        return
    _next_stamp[sender] = now + STAMP_EVERY
    try:
        stamp(WORKER_PREFIX + sender.eventer.hostname)
    except Exception:  # The database is down: /healthz says so; the worker carries on.
        logger.warning("Could not record the worker's heartbeat", exc_info=True)
    finally:
        close_old_connections()
