from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared plumbing: the task outbox, heartbeats, the health report, the Redis cache."""

    name = "core"
    verbose_name = "Operations"

    def ready(self):
        from core import signals  # noqa: F401  (connects the worker heartbeat)
