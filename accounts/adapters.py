from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site

from accounts.tasks import send_account_email
from core.mail import enqueue


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
        # allauth ships a .txt body for every email; an .html one is an alternative.
        html = next((c for c, kind in message.alternatives if kind == "text/html"), None)
        enqueue(
            send_account_email,
            to=message.to,
            subject=message.subject,
            text=message.body,
            html=html,
            from_email=message.from_email,
            headers=message.extra_headers,
        )
