"""Data for the SQLite race (test_sqlite_race.py), made inside the server's own database."""

import json

from django.test import Client

from accounts.factories import (
    CohortFactory,
    ProgrammeFactory,
    UserFactory,
    make_fellow,
    make_mentor,
)
from accounts.models import Programme, User
from mentoring.factories import SlotFactory, days_ahead, make_mentor_profile


def seed(racers: int) -> None:
    """A mentor with `racers` slots on one day and `racers` signed-in fellows; prints the
    slots' ids and the fellows' session keys as JSON."""
    # Each race seeds the same database again: names carry on where the last race's stopped.
    UserFactory.reset_sequence(User.objects.count())
    ProgrammeFactory.reset_sequence(Programme.objects.count())
    programme = ProgrammeFactory()
    cohort = CohortFactory(programme=programme)
    mentor = make_mentor(programme, user__password=None)
    profile = make_mentor_profile(programme, user=mentor, monthly_limit=racers)
    slots = [
        SlotFactory(
            mentor=profile.user,
            programme=programme,
            starts_at=days_ahead(3, hour=8 + n // 2, minute=30 * (n % 2)),
        )
        for n in range(racers)
    ]
    sessions = []
    for _ in range(racers):
        client = Client()
        client.force_login(make_fellow(cohort, user__password=None))
        sessions.append(client.session.session_key)
    print(json.dumps({"slots": [slot.pk for slot in slots], "sessions": sessions}))
