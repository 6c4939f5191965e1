from django.apps import AppConfig


class FellowshipConfig(AppConfig):
    """The project package itself: home pages, demo data and health check."""

    name = "fellowship"
