import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from audit.models import Action, Event, Subject


class EventFactory(DjangoModelFactory):
    """An event; `about=[person, ...]` adds whom it concerns."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    at = factory.LazyFunction(timezone.now)
    action = Action.UPDATE
    object_type = "projects.project"
    object_id = factory.Sequence(str)
    object_label = factory.LazyAttribute(lambda event: f"Project #{event.object_id}")
    changes = factory.LazyFunction(lambda: {"status": ["active", "paused"]})
    ip = "127.0.0.1"

    @factory.post_generation
    def about(self, create, people, **kwargs):
        if create and people:
            Subject.objects.bulk_create([Subject(event=self, person=person) for person in people])
