from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from seeding.demo import accounts as accounts_demo
from seeding.demo import cohorts, evaluation, mentoring, recruitment
from seeding.demo.projects import stories as projects


class Command(BaseCommand):
    help = "Load the demo programme and accounts (password: pioneer-demo). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo accounts with DEBUG off; pass --force if you mean it."
            )
        with transaction.atomic():
            world = accounts_demo.seed()
            for app in (cohorts, projects, mentoring, evaluation, recruitment):
                app.seed(world)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {world.programme.name}, cohorts "
                f"{world.completed.name} and {world.running.name}. "
                f"Sign in as adviser@example.org with password {accounts_demo.DEMO_PASSWORD}."
            )
        )
