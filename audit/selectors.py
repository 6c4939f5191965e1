"""Reading the trail: a programme's events, and the events about one person."""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from accounts.models import Programme, User
from audit.models import Event, Subject

PEOPLE = Prefetch("subjects", queryset=Subject.objects.select_related("person").order_by("pk"))


@dataclass(frozen=True)
class Filters:
    person: str = ""  # part of a name or email address
    object_type: str = ""
    action: str = ""
    since: datetime.datetime | None = None
    before: datetime.datetime | None = None


def _shown(events: QuerySet) -> QuerySet:
    return events.select_related("actor").prefetch_related(PEOPLE)


def programme_events(programme: Programme, filters: Filters = Filters()) -> QuerySet:
    """The programme's events, newest first, with who did them and whom they are about."""
    events = Event.objects.filter(programme=programme)
    if filters.person:
        match = Q(person__name__icontains=filters.person) | Q(
            person__email__icontains=filters.person
        )
        about = Subject.objects.filter(match, event=OuterRef("pk"))
        events = events.filter(
            Exists(about)
            | Q(actor__name__icontains=filters.person)
            | Q(actor__email__icontains=filters.person)
        )
    if filters.object_type:
        events = events.filter(object_type=filters.object_type)
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.since:
        events = events.filter(at__gte=filters.since)
    if filters.before:
        events = events.filter(at__lt=filters.before)
    return _shown(events)


def events_about(person: User) -> QuerySet:
    """Every event about `person`: changes to their data, downloads holding it, sign-ins."""
    return _shown(
        Event.objects.filter(Exists(Subject.objects.filter(event=OuterRef("pk"), person=person)))
    )
