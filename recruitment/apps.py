from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    label = "recruitment"
    verbose_name = "Recruitment"

    def ready(self):
        from core.cached import vary_on_session
        from recruitment import signals  # connects the receivers

        # The navigation offers "Your applications" by this flag: cached pages vary on it.
        vary_on_session(signals.HAS_APPLIED)
