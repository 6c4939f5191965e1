import os
import shutil

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from fellowship.celery import app as celery_app
from tests.matrix import World, build_world
from tests.oidc import IdentityProvider, identity_provider
from tests.redis_server import RedisServer, free_port

# pytest-xdist names each process of a parallel run (gw0, gw1...); unset in a serial run.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")


def pytest_configure(config):
    # Hashing passwords properly takes a second per person; tests make hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Long browser tests and tests that travel in time stay signed in; tests of the idle
    # timeout (tests/accounts/test_sessions.py) set their own limits.
    settings.PIONEER_IDLE_MINUTES = settings.PIONEER_ADVISER_IDLE_MINUTES = 100 * 365 * 24 * 60
    if WORKER:
        # Parallel processes share one Redis: each keeps to its own cache keys and task
        # queue, so one's sign-in rate limits or tasks never reach another.
        cache_settings = settings.CACHES["default"]
        if "KEY_PREFIX" in cache_settings:
            cache_settings["KEY_PREFIX"] = f"{cache_settings['KEY_PREFIX']}-{WORKER}"
        celery_app.conf.task_default_queue = f"celery-{WORKER}"


def _clear_cache():
    """Empty the cache. On Redis only this process's keys: cache.clear() empties the whole
    Redis database, under the feet of the other processes of a parallel run."""
    cache_settings = settings.CACHES["default"]
    if not cache_settings["BACKEND"].endswith("RedisCache"):
        cache.clear()
        return
    with redis.Redis.from_url(cache_settings["LOCATION"]) as client:
        keys = list(client.scan_iter(match=f"{cache_settings['KEY_PREFIX']}:*", count=1000))
        if keys:
            client.delete(*keys)


@pytest.fixture(autouse=True, scope="session")
def _celery_runs_tasks_in_process():
    """Tasks run in the test process, so emails land in mail.outbox."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Sign-in rate limits live in the cache (Redis in CI): start each test clean."""
    _clear_cache()
    yield
    _clear_cache()


@pytest.fixture
def client(client):
    """Django's test client, whose force_login also opens one page as the person: their
    roles and navigation are then in the cache (core.cached.for_user), as for anyone who
    has been using Pioneer, so the next request costs what every request after it costs
    and query counts compare like with like."""
    force_login = client.force_login

    def force_login_warm(user, backend=None):
        force_login(user, backend)
        # A request empties the query log, which an earlier count still reads from.
        logged = list(connection.queries_log)
        client.get(reverse("calendar"))
        connection.queries_log.clear()
        connection.queries_log.extend(logged)

    client.force_login = force_login_warm
    return client


@pytest.fixture
def world(db) -> World:
    """A programme with one of each role, plus outsiders (see tests/matrix.py)."""
    return build_world()


@pytest.fixture
def redis_server():
    """A running redis-server on a free port, stopped at the end of the test."""
    if shutil.which("redis-server") is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server must be installed in CI")
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    server = RedisServer(free_port())
    server.start()
    try:
        yield server
    finally:
        if server.process is not None:
            server.thaw()
        server.stop()


@pytest.fixture
def committed_db(transactional_db):
    """The database with no transaction around the test, so a Celery worker thread sees what
    the test writes. It is emptied afterwards, so pytest-django runs these tests after the
    ones that rely on what the migrations made."""


@pytest.fixture
def oidc_provider(settings) -> IdentityProvider:
    """A local OpenID Connect provider, offered on Pioneer's sign-in page (tests/oidc.py)."""
    with identity_provider() as provider:
        settings.SOCIALACCOUNT_PROVIDERS = provider.settings()
        # Its button's form redirects there (fellowship/settings.py allows it so).
        form_action = [*settings.SECURE_CSP["form-action"], provider.url]
        settings.SECURE_CSP = settings.SECURE_CSP | {"form-action": form_action}
        yield provider


@pytest.fixture
def postgresql():
    """For tests of races: only PostgreSQL has concurrent writers."""
    if connection.vendor != "postgresql":
        if os.environ.get("CI"):
            pytest.fail("CI must run the concurrency tests on PostgreSQL")
        pytest.skip("concurrency tests need PostgreSQL (SQLite has one writer at a time)")
