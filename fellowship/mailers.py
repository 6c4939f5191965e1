"""The MAILERS entry for an EMAIL_URL.

django-environ parses the URL into the old EMAIL_* names, but Django 6.1's MAILERS wants each
backend's own OPTIONS and refuses any it does not know: SMTP takes host, port and the rest,
the file backend only `file_path`, console and memory nothing. This module maps one to the
other; settings.py imports it, so it must not touch Django's settings.
"""

from django.core.exceptions import ImproperlyConfigured
from environ import Env

SMTP = "django.core.mail.backends.smtp.EmailBackend"
FILE = "django.core.mail.backends.filebased.EmailBackend"


def mailer_from_url(url: str, *, timeout: float) -> dict:
    """`{"BACKEND": ..., "OPTIONS": ...}` for an EMAIL_URL; `timeout` bounds each SMTP wait."""
    config = Env.email_url_config(url)
    if config.get("OPTIONS"):
        names = ", ".join(name.lower() for name in config["OPTIONS"])
        raise ImproperlyConfigured(
            f"EMAIL_URL takes no options ({names}); set EMAIL_TIMEOUT for the SMTP timeout."
        )
    backend = config["EMAIL_BACKEND"]
    if backend == SMTP:
        options = {
            "host": config["EMAIL_HOST"] or "localhost",
            "port": config["EMAIL_PORT"],
            "username": config["EMAIL_HOST_USER"],
            "password": config["EMAIL_HOST_PASSWORD"],
            "use_tls": config.get("EMAIL_USE_TLS", False),
            "use_ssl": config.get("EMAIL_USE_SSL", False),
            "timeout": timeout,
        }
        # Left out, Django picks the port for the scheme (25, 587 with TLS, 465 with SSL).
        options = {name: value for name, value in options.items() if value not in (None, "")}
    elif backend == FILE:
        if not config["EMAIL_FILE_PATH"]:
            raise ImproperlyConfigured(
                "EMAIL_URL filemail:// needs a folder, e.g. filemail:////var/mail/pioneer."
            )
        options = {"file_path": config["EMAIL_FILE_PATH"]}
    else:
        options = {}
    return {"BACKEND": backend, "OPTIONS": options}
