from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    label = "recruitment"
    verbose_name = "Recruitment"

    def ready(self):
        from core.cached import vary_on_session
        from recruitment import changes, signals  # signals connects the receivers

        changes.connect()

        # The navigation offers "Your applications" by this flag: cached pages vary on it.
        vary_on_session(signals.HAS_APPLIED)
