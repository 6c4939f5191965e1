"""Every deployment gets the default Skilled / Connected / Inspired framework."""

from django.db import migrations

from evaluation.defaults import create_default_framework


def create(apps, schema_editor):
    create_default_framework(
        apps.get_model("evaluation", "Framework"),
        apps.get_model("evaluation", "Domain"),
        apps.get_model("evaluation", "Indicator"),
    )


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
