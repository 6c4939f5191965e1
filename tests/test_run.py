"""`make run` (bin/run): the web server with a Celery worker and beat, and no Redis needed."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.sqlite_server import (
    BASE_DIR,
    Browser,
    free_port,
    manage,
    run_python,
    sqlite_env,
    wait_until_up,
)

CELERY_CONFIG = (
    "import json, django; django.setup(); from fellowship.celery import app; "
    "from django.conf import settings; c = app.conf; print(json.dumps({"
    "'broker': c.broker_url, 'eager': c.task_always_eager, "
    "'folders': c.broker_transport_options, 'schedule': c.beat_schedule_filename, "
    "'site_url': settings.SITE_URL}))"
)


def configured_with(**env: str) -> dict:
    """Celery's configuration and SITE_URL, as a process started with `env` sees them."""
    result = subprocess.run(
        [sys.executable, "-c", CELERY_CONFIG],
        cwd=BASE_DIR,
        env={"PATH": os.environ.get("PATH", ""), "DJANGO_SETTINGS_MODULE": "fellowship.settings"}
        | env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_with_no_broker_given_tasks_run_in_process():
    config = configured_with()

    assert config["broker"] == "memory://"
    assert config["eager"] is True


def test_redis_url_is_the_broker_when_no_broker_url_is_given():
    config = configured_with(REDIS_URL="redis://redis.example.org:6379/0")

    assert config["broker"] == "redis://redis.example.org:6379/0"
    assert config["eager"] is False


def test_celery_broker_url_comes_before_redis_url_and_files_need_no_server(tmp_path):
    config = configured_with(
        CELERY_BROKER_URL="filesystem://",
        REDIS_URL="redis://redis.example.org:6379/0",
        PIONEER_RUN_DIR=str(tmp_path),
    )

    assert config["broker"] == "filesystem://"
    assert config["eager"] is False
    folders = config["folders"]
    # The web server writes tasks where the worker reads them.
    assert folders["data_folder_in"] == folders["data_folder_out"]
    for name in ("data_folder_in", "control_folder"):
        assert Path(folders[name]).is_dir()
        assert Path(folders[name]).is_relative_to(tmp_path)
    assert Path(config["schedule"]).parent == tmp_path


def test_links_in_emails_follow_the_port_unless_site_url_is_set():
    assert configured_with()["site_url"] == "http://127.0.0.1:8000"
    assert configured_with(PORT="8123")["site_url"] == "http://127.0.0.1:8123"
    site = {"PORT": "8123", "SITE_URL": "https://pioneer.example.org/"}
    assert configured_with(**site)["site_url"] == "https://pioneer.example.org"


def wait_for(condition, what: str, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"no {what} in {seconds} s:\n{log.read_text()}"
        time.sleep(0.25)


def still_running(group: int) -> list[str]:
    """Processes of the process group that have not exited (zombies have)."""
    running = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
            if int(fields[2]) == group and fields[0] != "Z":
                running.append((stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode())
        except OSError:  # it exited while we looked
            continue
    return running


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_make_run_books_with_its_own_worker_sending_the_email_and_stops_on_ctrl_c(tmp_path):
    port = free_port()
    env = sqlite_env(
        tmp_path,
        PORT=str(port),
        PIONEER_RUN_DIR=str(tmp_path / "run"),
        VENV=str(Path(sys.executable).parent.parent),
    )
    manage("migrate", "--noinput", env=env)
    made = run_python("from tests.mentoring.race_data import seed; seed(1)", env=env)
    log = tmp_path / "run.log"
    with log.open("w") as out:
        run = subprocess.Popen(
            [BASE_DIR / "bin" / "run"],
            cwd=BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a process group of its own, as in a terminal
            # A terminal's Ctrl+C interrupts, even if these tests were started in the background.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
    try:
        wait_until_up(port, run, log)
        wait_for(
            lambda: "celery@" in log.read_text() and " ready." in log.read_text(), "worker", log
        )
        assert "beat: Starting" in log.read_text()

        fellow, path = (
            Browser(port, made["sessions"][0]),
            f"/mentoring/slots/{made['slots'][0]}/book/",
        )
        booked = fellow.post(path, fellow.open_form(path), {"agenda": "Help me plan my pilot"})
        assert booked.status == 302, booked.text[:500]

        sent = "mentoring.tasks.send_booking_confirmation"
        wait_for(
            lambda: f"Task {sent}[" in log.read_text() and "succeeded" in log.read_text(),
            "email",
            log,
        )
        assert f"http://127.0.0.1:{port}{booked.headers['Location']}" in log.read_text()
    finally:
        os.killpg(run.pid, signal.SIGINT)  # Ctrl+C: the terminal signals the whole group
        run.wait(timeout=90)

    assert still_running(run.pid) == []
