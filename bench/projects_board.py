"""Server time of the project board and a project page, with DEBUG off.

Builds a throwaway database (named bench_<your database>) holding one cohort of
60 projects with 50 progress entries each, then times the pages through Django's
test client: middleware, permission checks, SQL and template rendering, but not
the network. Run from the project folder:

    .venv/bin/python bench/projects_board.py [--projects 60] [--entries 50] [--runs 30]

Results are printed and written to bench/results/projects_board.json.
"""

import argparse
import datetime
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Production-like: no debug query log, plain static storage, no HTTPS redirect.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fellowship.settings")
os.environ.setdefault("DEBUG", "off")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 40)
os.environ.setdefault("SECURE_SSL_REDIRECT", "off")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault(
    "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402


def build(projects: int, entries: int):
    from accounts.models import Cohort, Membership, Programme, Role, User
    from projects.models import Comment, Milestone, ProgressEntry, Project

    programme = Programme.objects.create(name="Bench Fellowship")
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        programme=programme,
        name="Bench cohort",
        starts_on=today - datetime.timedelta(days=entries * 7),
        ends_on=today + datetime.timedelta(days=60),
        status=Cohort.Status.RUNNING,
    )
    adviser = User.objects.create_user(email="adviser@bench.invalid", name="Bench Adviser")
    Membership.objects.create(user=adviser, programme=programme, role=Role.ADVISER)
    fellows = User.objects.bulk_create(
        User(email=f"fellow{n}@bench.invalid", name=f"Fellow {n:02d}") for n in range(projects)
    )
    Membership.objects.bulk_create(
        Membership(user=f, programme=programme, cohort=cohort, role=Role.FELLOW) for f in fellows
    )
    rows = Project.objects.bulk_create(
        Project(cohort=cohort, fellow=f, title=f"Project {n:02d}", summary="A bench project.")
        for n, f in enumerate(fellows)
    )
    rags = ["green", "green", "amber", "red"]
    made = ProgressEntry.objects.bulk_create(
        (
            ProgressEntry(
                project=project,
                author=project.fellow,
                happened_on=today - datetime.timedelta(days=7 * n + p % 30),
                what_happened="What happened this week on the project, in a few sentences.",
                rag=rags[(n + p) % len(rags)],
                blockers="A blocker.",
                next_steps="Next steps.",
            )
            for p, project in enumerate(rows)
            for n in range(entries)
        ),
        batch_size=2000,
    )
    Comment.objects.bulk_create(
        (Comment(entry=entry, author=adviser, body="A comment.") for entry in made[::5]),
        batch_size=2000,
    )
    Milestone.objects.bulk_create(
        Milestone(project=project, title="Milestone", due_on=today + datetime.timedelta(days=d))
        for project in rows
        for d in (-60, -10, 30, 90)
    )
    with connection.cursor() as cursor:  # fresh planner statistics, as autovacuum would give
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    return cohort, adviser, rows[0]


def fetch(client, url: str):
    """The whole response, streamed ones included (their queries run as they stream)."""
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def timed(client, url: str, runs: int) -> dict:
    fetch(client, url)  # warm up templates and connections
    with CaptureQueriesContext(connection) as queries:
        response = fetch(client, url)
    assert response.status_code == 200, response.status_code
    query_count = len(queries.captured_queries)  # read now: the next request clears the log
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fetch(client, url)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "url": url,
        "queries": query_count,
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 1),
        "min_ms": round(samples[0], 1),
    }


def sql_time(cohort, runs: int) -> dict:
    """The board's one big query on its own: every figure for every project."""
    from projects.selectors.board import board

    samples = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        list(board(cohort, today=timezone.localdate()))
        samples.append((time.perf_counter() - start) * 1000)
    samples = sorted(samples[1:])
    return {"median_ms": round(statistics.median(samples), 1), "min_ms": round(samples[0], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=60)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    database = settings.DATABASES["default"]
    database.setdefault("TEST", {})["NAME"] = (
        None if connection.vendor == "sqlite" else f"bench_{database['NAME']}"
    )
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        cohort, adviser, project = build(args.projects, args.entries)
        built_s = time.perf_counter() - started
        client = Client()
        client.force_login(adviser)
        results = {
            "database": connection.vendor,
            "projects": args.projects,
            "entries_per_project": args.entries,
            "build_seconds": round(built_s, 1),
            "board": timed(client, reverse("projects:board", args=[cohort.pk]), args.runs),
            "board_sorted_filtered": timed(
                client,
                reverse("projects:board", args=[cohort.pk]) + "?sort=-rag&flag=attention",
                args.runs,
            ),
            "board_csv": timed(client, reverse("projects:board_csv", args=[cohort.pk]), args.runs),
            "project_page": timed(client, reverse("projects:detail", args=[project.pk]), args.runs),
            "board_sql_only": sql_time(cohort, args.runs),
        }
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(json.dumps(results, indent=2))
    out = ROOT / "bench" / "results" / "projects_board.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
