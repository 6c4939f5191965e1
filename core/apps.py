from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The bottom floor: what every app shares (permissions, forms, CSV, mail and the task
    outbox, calendars, London time, the health report). It imports no Pioneer app."""

    name = "core"
    verbose_name = "Shared core"

    def ready(self):
        from core import signals  # noqa: F401  (connects the worker heartbeat)
