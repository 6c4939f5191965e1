"""Django's Redis cache, made to degrade to a miss when Redis is down.

Sessions (`cached_db`) then read and write the database alone, and pages keep working.
Written here rather than taken from django-redis: its IGNORE_EXCEPTIONS answers `None` to
`add()`, which allauth reads as "locked", so every sign-in would wait a second and be
refused as rate-limited; this needs a different answer for `add()` and a few lines.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (ConnectionError, TimeoutError)


class _ReusedClient(RedisCacheClient):
    """Django builds a new redis client object for every cache call (a fifth of a
    millisecond, twice on every signed-in page); one per pool is enough, as the pool
    holds the connections and the client holds no state of its own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    # After a failure, stop asking Redis for this long: a hung Redis then costs a
    # request one socket timeout, not one per cache call.
    hold_off_seconds = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClient
        self._down_until = 0.0

    def _degrade(self, fallback, method, *args):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return method(*args)
        except UNREACHABLE as error:
            self._down_until = time.monotonic() + self.hold_off_seconds
            logger.warning("Redis cache unreachable (%s); carrying on without it", error)
            return fallback

    def ping(self) -> None:
        """Ask Redis for an answer, ignoring the hold-off; raises when it gives none."""
        self._cache.get_client(write=True).ping()

    def get(self, key, default=None, version=None):
        return self._degrade(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._degrade({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._degrade(False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # allauth takes a lock with add() for its sign-in rate limits, and marks a TOTP code
        # used with it. Answering "added" degrades open: while Redis is down sign-in is not
        # rate-limited and a code could be replayed within its 30 seconds, rather than
        # nobody being able to sign in at all.
        return self._degrade(True, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._degrade(None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._degrade(list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._degrade(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._degrade(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._degrade(None, super().delete_many, keys, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        value = self._degrade(missing, super().incr, key, delta, version)
        if value is missing:
            raise ValueError(f"Key '{key}' not found")  # as for any missing key
        return value

    def clear(self):
        return self._degrade(None, super().clear)
