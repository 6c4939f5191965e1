import time

from django.apps import apps
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from accounts.models import Programme
from seeding.scale import accounts as accounts_scale
from seeding.scale import cohorts as cohorts_scale
from seeding.scale import evaluation as evaluation_scale
from seeding.scale import mentoring as mentoring_scale
from seeding.scale import projects as projects_scale
from seeding.scale import recruitment as recruitment_scale

# Each app's bulk seeder, in dependency order.
STAGES = [
    ("people, programmes and cohorts", accounts_scale.seed),
    ("themes, learning sets, timetables, attendance, interviews", cohorts_scale.seed),
    ("projects, milestones, progress entries, comments", projects_scale.seed),
    ("mentor profiles, slots, bookings, waiting lists", mentoring_scale.seed),
    ("frameworks, waves, responses, answers, scores", evaluation_scale.seed),
    ("a round of applications, reviewers, reviews and scores", recruitment_scale.seed),
]

OUR_APPS = [
    "accounts",
    "cohorts",
    "projects",
    "mentoring",
    "evaluation",
    "recruitment",
    "account",
    "mfa",
]


class Command(BaseCommand):
    help = (
        "Fill the database with a national-scale data set in bulk (scale 1.0: 50 cohorts, "
        "3,000 fellows, 500 mentors, 200,000 progress entries, 50,000 bookings, "
        "1,000,000 evaluation answers). Does nothing if it is already there."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--reset", action="store_true", help="Empty Pioneer's tables first.")

    def handle(self, *args, scale, reset, **options):
        if scale <= 0:
            raise CommandError("--scale must be greater than 0")
        existing = Programme.objects.filter(name__startswith=accounts_scale.PROGRAMME_PREFIX)
        if existing.exists() and not reset:
            self.stdout.write(f"Scale data already present ({existing.first().description}).")
            return
        if reset:
            self.empty_tables()
        ctx = accounts_scale.ScaleContext(scale=scale)
        started = time.perf_counter()
        for label, seed in STAGES:
            stage_started = time.perf_counter()
            with transaction.atomic():
                seed(ctx)
            self.stdout.write(f"{label}: {time.perf_counter() - stage_started:.1f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(f"Seeded scale {scale} in {time.perf_counter() - started:.1f} s")
        )

    def empty_tables(self):
        tables = [
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.app_label in OUR_APPS and not model._meta.proxy
        ]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
            else:
                with connection.constraint_checks_disabled():
                    for table in tables:
                        cursor.execute(f"DELETE FROM {table}")
        # Stamps (core.changes) start again from nothing: pages cached before are not ours.
        cache.clear()
