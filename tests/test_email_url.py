"""EMAIL_URL configures every kind of mail server, and an email really goes out through each."""

import os
import ssl
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from fellowship.mailers import mailer_from_url
from tests.smtp import HOST, mailers, self_signed_certificate, smtp_server

pytestmark = pytest.mark.django_db

SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.mark.parametrize(
    ("url", "mailer"),
    [
        (
            "smtp://mail.example.org",
            {
                "BACKEND": SMTP,
                "OPTIONS": {
                    "host": "mail.example.org",
                    "use_tls": False,
                    "use_ssl": False,
                    "timeout": 10,
                },
            },
        ),
        (
            "smtp+tls://pioneer%40nhs.net:pa%2Fss@mail.example.org:587",
            {
                "BACKEND": SMTP,
                "OPTIONS": {
                    "host": "mail.example.org",
                    "port": 587,
                    "username": "pioneer@nhs.net",
                    "password": "pa/ss",
                    "use_tls": True,
                    "use_ssl": False,
                    "timeout": 10,
                },
            },
        ),
        (
            "smtp+ssl://mail.example.org:465",
            {
                "BACKEND": SMTP,
                "OPTIONS": {
                    "host": "mail.example.org",
                    "port": 465,
                    "use_tls": False,
                    "use_ssl": True,
                    "timeout": 10,
                },
            },
        ),
        (
            "smtp://",
            {
                "BACKEND": SMTP,
                "OPTIONS": {"host": "localhost", "use_tls": False, "use_ssl": False, "timeout": 10},
            },
        ),
        (
            "consolemail://",
            {"BACKEND": "django.core.mail.backends.console.EmailBackend", "OPTIONS": {}},
        ),
        (
            "filemail:////var/mail/pioneer",
            {
                "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "OPTIONS": {"file_path": "/var/mail/pioneer"},
            },
        ),
        (
            "memorymail://",
            {"BACKEND": "django.core.mail.backends.locmem.EmailBackend", "OPTIONS": {}},
        ),
    ],
)
def test_email_url_gives_each_backend_only_the_options_it_takes(url, mailer):
    assert mailer_from_url(url, timeout=10) == mailer


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("filemail://", "needs a folder"),
        ("smtp://mail.example.org?timeout=3", "set EMAIL_TIMEOUT"),
        ("gopher://mail.example.org", "Invalid email schema gopher"),
    ],
)
def test_a_bad_email_url_stops_with_a_clear_message(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        mailer_from_url(url, timeout=10)


def test_email_url_and_timeout_from_the_environment_reach_the_mailer(tmp_path):
    """Before, EMAIL_URL=filemail:... failed every email: "OPTIONS must define 'file_path'"."""
    show = "from django.conf import settings; print(settings.MAILERS['default']['OPTIONS'])"
    env = {"PATH": os.environ["PATH"], "EMAIL_URL": f"filemail:///{tmp_path}", "EMAIL_TIMEOUT": "7"}

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=django_settings.BASE_DIR,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    manage("sendtestemail", "ops@nhs.net")
    env["EMAIL_URL"] = "smtp://mail.example.org"
    options = manage("shell", "-c", show)

    (written,) = tmp_path.iterdir()
    assert "To: ops@nhs.net" in written.read_text()
    assert "'timeout': 7.0" in options


def reset_password(client, capture, email):
    with capture(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": email})
    assert response.status_code == 302
    return response


def test_filemail_writes_the_reset_email_to_the_folder(
    client, world, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MAILERS = mailers(f"filemail:///{tmp_path}")

    reset_password(client, django_capture_on_commit_callbacks, world.owner.email)

    (written,) = tmp_path.iterdir()
    text = written.read_text()
    assert f"To: {world.owner.email}" in text
    assert "Password Reset" in text


def test_memorymail_keeps_the_reset_email_in_memory(
    client, world, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.MAILERS = mailers("memorymail://")

    reset_password(client, django_capture_on_commit_callbacks, world.owner.email)

    assert [message.to for message in mailoutbox] == [[world.owner.email]]


def test_consolemail_prints_the_reset_email(
    client, world, settings, capsys, django_capture_on_commit_callbacks
):
    settings.MAILERS = mailers("consolemail://")

    reset_password(client, django_capture_on_commit_callbacks, world.owner.email)

    printed = capsys.readouterr().out
    assert f"To: {world.owner.email}" in printed
    assert "Password Reset" in printed


def test_smtp_delivers_the_reset_email(client, world, settings, django_capture_on_commit_callbacks):
    with smtp_server() as (port, received):
        settings.MAILERS = mailers(f"smtp://{HOST}:{port}")

        reset_password(client, django_capture_on_commit_callbacks, world.owner.email)

    assert received.recipients == [[world.owner.email]]
    assert "Password Reset" in received.messages[0]["Subject"]


@pytest.fixture
def certificate(tmp_path, monkeypatch) -> ssl.SSLContext:
    """The server's TLS context, its self-signed certificate trusted by this process."""
    cert, key = self_signed_certificate(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def test_smtp_tls_signs_in_after_starttls_and_delivers_the_reset_email(
    client, world, settings, certificate, django_capture_on_commit_callbacks
):
    with smtp_server(tls_context=certificate, require_starttls=True) as (port, received):
        settings.MAILERS = mailers(f"smtp+tls://pioneer:s3cret@{HOST}:{port}")

        reset_password(client, django_capture_on_commit_callbacks, world.owner.email)

    assert received.logins == [("pioneer", "s3cret")]
    assert received.recipients == [[world.owner.email]]


def test_smtp_ssl_delivers_the_reset_email_over_tls_from_the_start(
    client, world, settings, certificate, django_capture_on_commit_callbacks
):
    # aiosmtpd counts only STARTTLS as TLS when it decides whether to offer AUTH.
    with smtp_server(ssl_context=certificate, auth_require_tls=False) as (port, received):
        settings.MAILERS = mailers(f"smtp+ssl://pioneer:s3cret@{HOST}:{port}")

        reset_password(client, django_capture_on_commit_callbacks, world.owner.email)

    assert received.logins == [("pioneer", "s3cret")]
    assert received.recipients == [[world.owner.email]]
