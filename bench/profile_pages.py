"""Where a page's time goes: cProfile over requests through Django's test client.

Runs against the bench database (`make bench` seeds it) with the production settings
`bench/run.py` uses (DEBUG off, Redis cache and sessions), signed in as the page's role
from `manage.py bench_targets`. No HTTP and no gunicorn: middleware, views, SQL and
templates only. From the project folder:

    .venv/bin/python bench/profile_pages.py "signed-in layout only" "mentoring uptake" [--runs 50]

Prints the mean time a request takes and the functions with the most cumulative time.
`--after-write` records a change to the signed-in person before each request (outside the
profile), so every request misses the page cache, as the first view after a write does.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import bench_env  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="+", help="page names, as bench_targets lists them")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--after-write", action="store_true", help="miss the page cache")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pioneer_bench"
        ),
    )
    args = parser.parse_args()
    os.environ.update(bench_env(args))
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fellowship.settings")

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from accounts.models import User
    from core.changes import Places, record

    out = io.StringIO()
    call_command("bench_targets", stdout=out)
    targets = json.loads(out.getvalue())
    pages = {page["name"]: page for page in targets["pages"]}
    for name in args.pages:
        page = pages[name]
        client = Client()
        user = None
        if page["role"]:
            user = User.objects.get(email=targets["people"][page["role"]])
            client.force_login(user)
        for _ in range(5):
            response = client.get(page["path"])
            assert response.status_code == 200, (name, response.status_code)
        profiler = cProfile.Profile()
        spent = 0.0
        for _ in range(args.runs):
            if args.after_write and user is not None:
                record(Places(users={user.pk}))
            started = time.perf_counter()
            profiler.enable()
            client.get(page["path"])
            profiler.disable()
            spent += time.perf_counter() - started
        mean_ms = spent / args.runs * 1000
        kind = "after a write" if args.after_write else "profiled"
        print(f"\n## {name}: {mean_ms:.1f} ms a request ({kind}, {args.runs} runs)\n")
        stats = pstats.Stats(profiler).strip_dirs().sort_stats("cumulative")
        stats.print_stats(args.top)


if __name__ == "__main__":
    main()
