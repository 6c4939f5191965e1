from django.apps import AppConfig


class SeedingConfig(AppConfig):
    """Demo and national-scale data, above the apps it fills and apart from them."""

    name = "seeding"
    verbose_name = "Demo and scale data"
