"""How long the cohort report takes with 1,000 fellows, 4 waves and 20 indicators.

Run against a database of its own (it is filled with bench data, once):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pioneer_bench \
        .venv/bin/python bench/evaluation_report.py

It prints the time to work out each wave's scores (the nightly recompute), and the
server time and query count of the report, the network page and the named-scores
CSV, each the median of several requests through Django's test client with DEBUG
off (no template or SQL debugging overhead).
"""

import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fellowship.settings")
os.environ.setdefault("DEBUG", "off")
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "off")
os.environ.setdefault(
    "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
)

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Cohort, Membership, Programme, Role, User  # noqa: E402
from cohorts.models import LearningSet, LearningSetMember, Session  # noqa: E402
from evaluation.factories import make_framework  # noqa: E402
from evaluation.models import Answer, Indicator, Response, Wave  # noqa: E402
from evaluation.services.scores import scores_compute  # noqa: E402
from seeding.demo.accounts import ORGANISATIONS  # noqa: E402

FELLOWS = 1000
NAME = "Bench fellowship"
RUNS = 7


def on_scale(level: float) -> int:
    return max(1, min(5, round(level)))


def build() -> Cohort:
    rng = random.Random(1)
    programme = Programme.objects.create(name=NAME)
    adviser = User.objects.create_user(email="bench.adviser@example.org", name="Bench Adviser")
    Membership.objects.create(user=adviser, programme=programme, role=Role.ADVISER)
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        programme=programme,
        name="Bench cohort",
        starts_on=today.replace(year=today.year - 2),
        ends_on=today.replace(year=today.year - 1),
        status=Cohort.Status.COMPLETED,
    )
    User.objects.bulk_create(
        User(email=f"bench.{n}@example.org", name=f"Fellow {n:04d}", password="!")
        for n in range(FELLOWS)
    )
    fellows = list(User.objects.filter(email__startswith="bench.").exclude(pk=adviser.pk))
    Membership.objects.bulk_create(
        Membership(
            user=fellow,
            programme=programme,
            cohort=cohort,
            role=Role.FELLOW,
            organisation=ORGANISATIONS[n % len(ORGANISATIONS)][0],
        )
        for n, fellow in enumerate(fellows)
    )
    sets = LearningSet.objects.bulk_create(
        LearningSet(cohort=cohort, name=f"Set {n:03d}") for n in range(FELLOWS // 8)
    )
    LearningSetMember.objects.bulk_create(
        LearningSetMember(learning_set=sets[n // 8], cohort=cohort, fellow=fellow)
        for n, fellow in enumerate(fellows)
    )
    # A set's ties count from its first meeting.
    first_meeting = timezone.make_aware(
        datetime.datetime.combine(cohort.starts_on + datetime.timedelta(days=30), datetime.time(14))
    )
    Session.objects.bulk_create(
        Session(
            cohort=cohort,
            kind=Session.Kind.LEARNING_SET_MEETING,
            learning_set=learning_set,
            title=f"{learning_set.name} meeting 1",
            starts_at=first_meeting,
            ends_at=first_meeting + datetime.timedelta(hours=2),
            location="Online",
        )
        for learning_set in sets
    )
    framework = make_framework(
        programme=programme, items={"skilled": 5, "connected": 5, "inspired": 5, "impactful": 5}
    )
    statements = list(Indicator.objects.filter(domain__framework=framework))
    assert len(statements) == 20
    growth = {fellow.pk: rng.gauss(1.0, 0.5) for fellow in fellows}
    kinds = [Wave.Kind.BASELINE, Wave.Kind.MIDPOINT, Wave.Kind.END, Wave.Kind.FOLLOW_UP]
    for index, kind in enumerate(kinds):
        opens_on = cohort.starts_on.replace(month=1 + 3 * index)
        wave = Wave.objects.create(
            cohort=cohort,
            framework=framework,
            kind=kind,
            opens_on=opens_on,
            closes_on=opens_on.replace(day=28),
        )
        now = timezone.now()
        Response.objects.bulk_create(
            Response(wave=wave, fellow=f, invited_at=now, submitted_at=now)
            for f in fellows
            if rng.random() < 0.9
        )
        responses = Response.objects.filter(wave=wave).values_list("pk", "fellow_id")
        Answer.objects.bulk_create(
            (
                Answer(
                    response_id=pk,
                    indicator=statement,
                    value=on_scale(2.5 + growth[fellow] * index / 3 + rng.gauss(0, 0.7)),
                )
                for pk, fellow in responses
                for statement in statements
                if rng.random() > 0.05
            ),
            batch_size=5000,
        )
    return cohort


def timed(client, url: str) -> tuple[float, int]:
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), len(queries.captured_queries)


def main() -> None:
    call_command("migrate", verbosity=0)
    cohort = Cohort.objects.filter(programme__name=NAME).first()
    if cohort is None:
        start = time.perf_counter()
        cohort = build()
        print(f"built the bench data in {time.perf_counter() - start:.1f} s")
    waves = list(Wave.objects.filter(cohort=cohort).select_related("cohort", "framework"))
    print(
        f"{Membership.objects.filter(cohort=cohort, role=Role.FELLOW).count()} fellows, "
        f"{len(waves)} waves, "
        f"{Indicator.objects.filter(domain__framework=waves[0].framework).count()} indicators, "
        f"{Answer.objects.filter(response__wave__cohort=cohort).count()} answers"
    )
    for wave in waves:
        start = time.perf_counter()
        rows = scores_compute(wave=wave)
        print(f"scores of the {wave.kind} wave: {rows} rows in {time.perf_counter() - start:.2f} s")

    client = Client()
    client.force_login(User.objects.get(email="bench.adviser@example.org"))
    reset_queries()
    for label, url in [
        ("cohort report", reverse("evaluation:report", args=[cohort.pk])),
        ("network page", reverse("evaluation:network", args=[cohort.pk])),
        ("named scores CSV", reverse("evaluation:report_csv", args=[cohort.pk, "scores"])),
    ]:
        client.get(url)  # warm the template cache
        seconds, queries = timed(client, url)
        print(f"{label}: median {seconds * 1000:.0f} ms over {RUNS} requests, {queries} queries")


if __name__ == "__main__":
    main()
