"""`make bench`: Pioneer under gunicorn, on PostgreSQL at national scale, page by page.

Starts the app as in production (DEBUG off, collected static files), signs in as an
adviser, a fellow and a mentor of the scale data, and drives each key page from this
separate process with a fixed number of requests at a fixed concurrency. Each page is
reported as requests per second, median and 95th-percentile latency, SQL queries per
request, and its throughput as a ratio to a bare Django view served the same way.
"""

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results"


def bench_env(args) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DEBUG": "off",
            "SECRET_KEY": env.get("SECRET_KEY", "bench-only-secret-key-" + "x" * 40),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "off",
            "SESSION_COOKIE_SECURE": "off",
            "CSRF_COOKIE_SECURE": "off",
            "SECURE_HSTS_SECONDS": "0",
            "PIONEER_BENCH": "on",
            "DATABASE_URL": args.database_url,
            # Redis for the cache, as in production; a database of its own for the bench.
            "REDIS_URL": env.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9"),
            "CONN_MAX_AGE": "60",
            # Its own collected files: WhiteNoise reads STATIC_ROOT whenever the app starts,
            # test clients included, so the bench keeps its copy out of the project's way.
            "STATIC_ROOT": str(ROOT / "bench" / ".static"),
        }
    )
    return env


def ensure_database(url: str) -> None:
    """Create the bench database on first use (the server has trust auth for postgres)."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def manage(env, *command, capture=False):
    result = subprocess.run(
        [PYTHON, "manage.py", *command],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=capture,
    )
    return result.stdout if capture else None


class Server:
    def __init__(self, env, port, workers):
        self.port = port
        self.process = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "fellowship.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--keep-alive",
                "5",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                status, _, _ = request(self.port, "GET", "/healthz")
                if status == 200:
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit("gunicorn did not start")

    def worker_rss_mb(self) -> list[float]:
        children = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
        ).stdout.split()
        sizes = []
        for pid in children:
            status = Path(f"/proc/{pid}/status").read_text()
            kb = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
            sizes.append(round(kb / 1024, 1))
        return sizes

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def request(port, method, path, headers=None, body=None, connection=None):
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    if own:
        connection.close()
    return response.status, response, data


def cookies_from(response) -> dict:
    jar = {}
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            jar[name] = rest.split(";", 1)[0]
    return jar


def sign_in(port, email, password) -> str:
    status, response, body = request(port, "GET", "/accounts/login/")
    jar = cookies_from(response)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urlencode({"login": email, "password": password, "csrfmiddlewaretoken": token})
    status, response, _ = request(
        port,
        "POST",
        "/accounts/login/",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={jar['csrftoken']}",
            "Referer": f"http://127.0.0.1:{port}/accounts/login/",
        },
        body=form,
    )
    jar.update(cookies_from(response))
    if status != 302 or "sessionid" not in jar:
        raise SystemExit(f"could not sign in as {email} (HTTP {status})")
    return f"csrftoken={jar['csrftoken']}; sessionid={jar['sessionid']}"


def drive(port, path, cookie, total, concurrency):
    """`total` GETs of `path` from `concurrency` keep-alive connections."""
    latencies, queries, statuses = [], [], []
    lock = threading.Lock()
    remaining = iter(range(total))

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        headers = {"Cookie": cookie} if cookie else {}
        while True:
            with lock:
                if next(remaining, None) is None:
                    break
            started = time.perf_counter()
            status, response, _ = request(port, "GET", path, headers, connection=connection)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses.append(status)
                queries.append(int(response.getheader("X-Pioneer-Queries", "-1")))
        connection.close()

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for _ in range(concurrency):
            pool.submit(client)
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": total,
        "concurrency": concurrency,
        "rps": round(total / wall, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 1),
        "queries": max(queries),
        "errors": sum(1 for s in statuses if s >= 400),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=float(os.environ.get("SCALE", "1.0")))
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8200)
    parser.add_argument("--label", default="", help="a name for this run in the results file")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pioneer_bench"
        ),
    )
    parser.add_argument("--reseed", action="store_true", help="empty and refill the database")
    parser.add_argument(
        "--only", default="", help="comma-separated words: drive only pages whose name has one"
    )
    args = parser.parse_args()

    env = bench_env(args)
    ensure_database(args.database_url)
    manage(env, "migrate", "--noinput", "-v0")
    seed = ["seed_scale", "--scale", str(args.scale)]
    manage(env, *seed, *(["--reset"] if args.reseed else []))
    manage(env, "collectstatic", "--noinput", "-v0")
    targets = json.loads(manage(env, "bench_targets", capture=True))

    server = Server(env, args.port, args.workers)
    try:
        cookies = {
            role: sign_in(args.port, email, targets["password"])
            for role, email in targets["people"].items()
        }
        pages = [{"name": "bare Django view", "role": None, "path": "/bench/bare/"}]
        wanted = [word.strip() for word in args.only.split(",") if word.strip()]
        pages += [p for p in targets["pages"] if not wanted or any(w in p["name"] for w in wanted)]
        rows = []
        for page in pages:
            cookie = cookies.get(page["role"]) if page["role"] else None
            drive(args.port, page["path"], cookie, min(10, args.requests), args.concurrency)
            result = drive(args.port, page["path"], cookie, args.requests, args.concurrency)
            rows.append({**page, **result})
            print(f"  {page['name']}: {result['rps']} req/s", file=sys.stderr)
        memory = server.worker_rss_mb()
    finally:
        server.stop()

    bare = rows[0]["rps"]
    for row in rows:
        row["ratio"] = round(row["rps"] / bare, 3)
    export = None
    if not args.only:
        print("  streaming every answer as CSV...", file=sys.stderr)
        export = subprocess.run(
            [PYTHON, "bench/export_memory.py"], cwd=ROOT, env=env, check=True, capture_output=True
        )
        export = json.loads(export.stdout)
    report(rows, memory, export, args)


def report(rows, memory, export, args):
    header = (
        f"{'page':34} {'role':8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'SQL':>4} {'x bare':>7} {'err':>4}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['name'][:34]:34} {row['role'] or '-':8} {row['rps']:8.1f} {row['p50_ms']:8.1f} "
            f"{row['p95_ms']:8.1f} {row['queries']:4d} {row['ratio']:7.3f} {row['errors']:4d}"
        )
    print(f"gunicorn worker RSS after the run (MB): {memory}")
    if export:
        print(
            f"answers CSV over the whole database: {export['rows']:,} rows, "
            f"{export['mb_written']} MB in {export['seconds']} s ({export['mb_per_s']} MB/s); "
            f"peak RSS {export['peak_rss_mb_before']} MB before, "
            f"{export['peak_rss_mb_after']} MB after"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"bench-{stamp}{'-' + args.label if args.label else ''}.json"
    out.write_text(
        json.dumps(
            {
                "when": stamp,
                "label": args.label,
                "scale": args.scale,
                "requests_per_page": args.requests,
                "concurrency": args.concurrency,
                "gunicorn_workers": args.workers,
                "worker_rss_mb": memory,
                "answers_export": export,
                "pages": rows,
            },
            indent=2,
        )
    )
    print(f"written {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
