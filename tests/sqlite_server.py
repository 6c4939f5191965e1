"""Pioneer served as `make run` serves it: runserver on a SQLite file, in a process of its own.

The test database cannot stand in for this: on SQLite it lives in memory behind one
connection, while a real server gives each request thread its own connection to a file.
"""

import contextlib
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sqlite_env(folder: Path, **extra: str) -> dict[str, str]:
    """The embedded default on a database file of its own: no Redis, no PostgreSQL, and
    none of the environment the tests themselves run with."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folder),
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        **extra,
    }


def manage(*args: str, env: dict[str, str]) -> str:
    """Run a management command; its standard output."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def run_python(code: str, *, env: dict[str, str]) -> object:
    """Run `code` in Django's shell against the server's database; the JSON it prints last."""
    lines = manage("shell", "--no-imports", "-c", code, env=env).strip().splitlines()
    return json.loads(lines[-1])


def wait_until_up(port: int, server: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, f"the server stopped:\n{log.read_text()}"
        with contextlib.suppress(OSError):
            if get(port, "/healthz").status == 200:
                return
        time.sleep(0.2)
    raise AssertionError(f"the server did not answer in {seconds} s:\n{log.read_text()}")


@contextlib.contextmanager
def runserver(env: dict[str, str], log: Path):
    """Serve on a free port with Django's threaded development server; yields the port."""
    port = free_port()
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(port, server, log)
            yield port
        finally:
            server.terminate()
            server.wait(timeout=30)


class Response:
    def __init__(self, raw: http.client.HTTPResponse):
        self.status = raw.status
        self.headers = raw.headers
        self.text = raw.read().decode()


def request(port: int, method: str, path: str, **kwargs) -> Response:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request(method, path, **kwargs)
        return Response(conn.getresponse())
    finally:
        conn.close()


def get(port: int, path: str, cookies: dict[str, str] | None = None) -> Response:
    return request(port, "GET", path, headers=_cookie_header(cookies or {}))


def _cookie_header(cookies: dict[str, str]) -> dict[str, str]:
    return {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}


class Browser:
    """One signed-in person: a session cookie, and the CSRF token a form page hands out."""

    def __init__(self, port: int, session_key: str):
        self.port = port
        self.cookies = {"sessionid": session_key}

    def open_form(self, path: str) -> str:
        """GET a form page as a browser does; the CSRF token to post it back with."""
        page = get(self.port, path, self.cookies)
        assert page.status == 200, page.status
        for header in page.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            if name == "csrftoken":
                self.cookies["csrftoken"] = rest.split(";", 1)[0]
        return CSRF_FIELD.search(page.text).group(1)

    def post(self, path: str, token: str, fields: dict[str, str]) -> Response:
        body = urlencode({"csrfmiddlewaretoken": token, **fields})
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            **_cookie_header(self.cookies),
        }
        return request(self.port, "POST", path, body=body, headers=headers)
