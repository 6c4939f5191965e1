from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    label = "accounts"
    verbose_name = "People and programmes"

    def ready(self):
        from accounts import changes, signals  # noqa: F401  (connects the receivers)

        changes.connect()
