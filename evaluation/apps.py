from django.apps import AppConfig
from django.db.backends.signals import connection_created

from evaluation.stats import register_sqlite_functions


class EvaluationConfig(AppConfig):
    name = "evaluation"

    def ready(self):
        from evaluation import changes

        changes.connect()
        connection_created.connect(register_sqlite_functions, dispatch_uid="evaluation_sqlite")
