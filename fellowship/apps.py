from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class FellowshipConfig(AppConfig):
    """The project package itself: home pages, navigation and the health check."""

    name = "fellowship"

    def ready(self):
        # Services enqueue tasks by name (they may not import their tasks), so every
        # process must register every app's tasks, not only a worker that autodiscovers.
        autodiscover_modules("tasks")
