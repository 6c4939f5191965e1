"""allauth's emails reach people whole after their trip through the Celery task."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_html_version_of_an_account_email_goes_out_with_the_text(
    client, world, settings, mailoutbox, django_capture_on_commit_callbacks
):
    engine = settings.TEMPLATES[0]
    html = {"account/email/password_reset_key_message.html": "<p>{{ password_reset_url }}</p>"}
    settings.TEMPLATES = [
        {
            **engine,
            "APP_DIRS": False,
            "OPTIONS": {
                **engine["OPTIONS"],
                "loaders": [
                    ("django.template.loaders.locmem.Loader", html),
                    "django.template.loaders.filesystem.Loader",
                    "django.template.loaders.app_directories.Loader",
                ],
            },
        }
    ]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": world.owner.email})

    (message,) = mailoutbox
    ((content, mimetype),) = message.alternatives
    link = content.removeprefix("<p>").removesuffix("</p>")
    assert mimetype == "text/html"
    assert "/password/reset/key/" in link
    assert link in message.body
    assert message.subject == "[Pioneer] Password Reset Email"
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
