from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    label = "recruitment"
    verbose_name = "Recruitment"

    def ready(self):
        from recruitment import signals  # noqa: F401  (connects the receivers)
