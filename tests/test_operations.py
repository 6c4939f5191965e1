import subprocess
import sys
from unittest import mock

import pytest
from django.db import connection
from django.urls import reverse

from fellowship.celery import app as celery_app

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_every_part_it_needs_answers(client):
    response = client.get(reverse("healthz"))

    report = response.json()
    assert response.status_code == 200
    assert (report["status"], report["failing"]) == ("ok", [])
    assert report["checks"]["database"] == {"status": "ok"}
    # Tasks run in-process in tests: no broker, so no worker or beat is needed.
    assert report["checks"]["broker"]["status"] == "not configured"
    assert report["checks"]["workers"]["status"] == "not configured"
    assert report["checks"]["outbox"] == {"status": "ok", "waiting": 0, "oldest_seconds": None}


def test_healthz_answers_503_when_the_database_does_not(client):
    # The database server is outside the system under test; make it fail.
    with mock.patch.object(connection, "cursor", side_effect=OSError("connection refused")):
        response = client.get(reverse("healthz"))

    report = response.json()
    assert response.status_code == 503
    assert (report["status"], report["failing"]) == ("down", ["database"])
    assert report["checks"]["database"] == {"status": "failing", "error": "OSError"}


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("account_login"))

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_pages_have_no_inline_script_or_style(client, world):
    client.force_login(world.adviser)

    for url in [
        reverse("home"),
        reverse("account_login"),
        reverse("programme_detail", args=[world.programme.pk]),
    ]:
        html = client.get(url).text
        assert "<style" not in html
        assert " style=" not in html
        for tag in html.split("<script")[1:]:
            assert tag.lstrip().startswith(("src=", 'type="module" src=')), tag[:80]


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_missing_secret_key_with_debug_off_stops_start_up():
    result = run_manage("check", env={"DEBUG": "off", "PATH": "/usr/bin:/bin"})

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_check_deploy_is_clean_with_documented_variables():
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "off",
        "SECRET_KEY": "x" * 30 + "a-long-random-production-secret-value",
        "ALLOWED_HOSTS": "pioneer.example.org",
        "EMAIL_URL": "smtp+tls://pioneer:secret@smtp.example.org:587",
    }

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)

    assert result.returncode == 0, result.stdout + result.stderr


def test_seed_demo_refuses_with_debug_off_unless_forced():
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "off", "SECRET_KEY": "s" * 50}

    result = run_manage("seed_demo", env=env)

    assert result.returncode != 0
    assert "Refusing" in result.stderr


def test_every_scheduled_task_is_a_registered_task(settings):
    celery_app.loader.import_default_modules()

    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in celery_app.tasks, name
