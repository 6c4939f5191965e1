import pytest
from django.core.mail import EmailMessage


@pytest.fixture
def smtp_down(monkeypatch):
    """The SMTP server (outside the system) refuses every connection; counts the tries."""
    tries = []

    def refuse(message, *args, **kwargs):
        tries.append(message.to)
        raise OSError("connection refused")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    return tries
