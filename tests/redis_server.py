"""A redis-server of a test's own, which the test may stop, restart or freeze, and
pointing Pioneer's cache, sessions and Celery broker at it."""

import signal
import socket
import subprocess
import time
from contextlib import contextmanager

import kombu.pools
import redis
from django.db import OperationalError

from fellowship.celery import app as celery_app


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    def __init__(self, port: int):
        self.port = port
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def client(self, db: int = 0) -> redis.Redis:
        return redis.Redis.from_url(self.url(db), socket_timeout=2)

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        self.process = subprocess.Popen(
            [*command, "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                with self.client() as client:
                    client.ping()
                return
            except redis.ConnectionError:
                assert self.process.poll() is None, "redis-server did not start"
                assert time.monotonic() < deadline, "redis-server did not answer in time"
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def freeze(self) -> None:
        """Hang: connections are accepted and never answered."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)


def use_redis_cache(settings, url: str) -> None:
    """The cache and sessions on `url`, as settings.py sets them with REDIS_URL."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def _drop_broker_connections() -> None:
    # Celery and kombu pool their connections to the broker they first met: close them
    # and forget the pools, as both do after a fork.
    kombu.pools.reset()
    celery_app._after_fork()


@contextmanager
def celery_broker(url: str):
    """Tasks published to the broker at `url` instead of run in-process."""
    conf = celery_app.conf
    saved = conf.broker_url, conf.task_always_eager
    _drop_broker_connections()
    conf.broker_url, conf.task_always_eager = url, False
    try:
        yield
    finally:
        _drop_broker_connections()
        conf.broker_url, conf.task_always_eager = saved


def wait_for(condition, seconds: float = 20) -> None:
    """Until `condition()` holds, while a worker thread works."""
    deadline = time.monotonic() + seconds
    while not _holds(condition):
        assert time.monotonic() < deadline, "not done in time"
        time.sleep(0.1)


def _holds(condition) -> bool:
    try:
        return condition()
    except OperationalError:
        # SQLite's shared in-memory test database refuses to read a table while another
        # thread (the worker) writes it: look again.
        return False
