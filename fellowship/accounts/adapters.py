from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site

from fellowship.accounts.tasks import send_account_email
from fellowship.mail import enqueue


class AccountAdapter(DefaultAccountAdapter):
    """People join Pioneer by invitation, never by signing up on their own."""

    def is_open_for_signup(self, request):
        return settings.PIONEER_OPEN_SIGNUP

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render allauth's email here, send it from a Celery task (retried, never in the page).

        The context is the one allauth's own `send_mail` builds; only `msg.send()` moves.
        """
        context = {
            "request": self.request,
            "email": email,
            "current_site": get_current_site(self.request),
            **context,
        }
        message = self.render_mail(template_prefix, email, context)
        if message.content_subtype == "html":  # allauth found only an HTML template.
            text, html = None, message.body
        else:
            text = message.body
            html = next((c for c, kind in message.alternatives if kind == "text/html"), None)
        enqueue(
            send_account_email,
            to=message.to,
            subject=message.subject,
            text=text,
            html=html,
            from_email=message.from_email,
            headers=message.extra_headers,
        )
