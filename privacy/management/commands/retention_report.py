"""Who retention would anonymise, and when: a dry run that changes nothing."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import Programme
from privacy.selectors import WARN_DAYS, retention_due


class Command(BaseCommand):
    help = "List people whose personal data retention will anonymise (a dry run)."

    def add_arguments(self, parser):
        parser.add_argument("--programme", type=int, help="Only this programme (its id).")
        parser.add_argument(
            "--days", type=int, default=WARN_DAYS, help="Look this many days ahead (30)."
        )
        parser.add_argument("--on", help="As if today were this date (YYYY-MM-DD).")

    def handle(self, *args, programme=None, days=WARN_DAYS, on=None, **options):
        try:
            today = datetime.date.fromisoformat(on) if on else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--on must be a date like 2026-12-31, not {on!r}") from error
        chosen = None
        if programme is not None:
            chosen = Programme.objects.filter(pk=programme).first()
            if chosen is None:
                raise CommandError(f"No programme has the id {programme}")
        due = retention_due(today=today, programme=chosen, within=days)
        for item in due:
            when = "overdue" if item.is_overdue(today) else "due"
            self.stdout.write(
                f"{item.person.pk}\t{item.person.name}\t{item.person.email}\t"
                f"last cohort ended {item.last_cohort_ended}\t{when} {item.due_on}"
            )
        self.stdout.write(f"{len(due)} to anonymise by {today + datetime.timedelta(days=days)}.")
