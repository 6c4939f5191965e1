from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The bottom floor: helpers every app shares. It imports no Pioneer app."""

    name = "core"
    verbose_name = "Shared core"
