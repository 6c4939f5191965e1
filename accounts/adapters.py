import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.shortcuts import render

from accounts import services
from accounts.tasks import send_account_email
from core.mail import enqueue

# A session key: signing up is open until this time (a Unix timestamp). Recruitment sets it
# for someone who pressed an open round's Apply button; the account gets no role.
SIGNUP_OPEN_UNTIL = "pioneer_signup_open_until"


def open_signup_until(request, instant) -> None:
    request.session[SIGNUP_OPEN_UNTIL] = instant.timestamp()


class AccountAdapter(DefaultAccountAdapter):
    """People join Pioneer by invitation, or sign up to apply to an open round."""

    def is_open_for_signup(self, request):
        until = request.session.get(SIGNUP_OPEN_UNTIL, 0) if request is not None else 0
        return settings.PIONEER_OPEN_SIGNUP or time.time() < until

    def save_user(self, request, user, form, commit=True):
        # One Apply button, one account: the browser cannot sign up a second time.
        if request is not None:
            request.session.pop(SIGNUP_OPEN_UNTIL, None)
        return super().save_user(request, user, form, commit)

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


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on (NHSmail / Microsoft, OpenID Connect) under Pioneer's rules.

    A sign-in joins an existing account only through an address the identity provider
    says is verified (allauth's email authentication, settings.py). Anyone else gets an
    account only with an open invitation to that verified address, which is then accepted.
    """

    def is_open_for_signup(self, request, sociallogin):
        verified = [address.email for address in sociallogin.email_addresses if address.verified]
        email = verified[0] if verified else None
        if email is None or not services.may_join(email):
            shown = email or next((a.email for a in sociallogin.email_addresses), "")
            raise ImmediateHttpResponse(
                render(
                    request,
                    "accounts/sso_refused.html",
                    {"email": shown, "verified": email is not None},
                    status=403,
                )
            )
        return True

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        full_name = " ".join(filter(None, [data.get("first_name"), data.get("last_name")]))
        # One line (the field refuses line breaks), as long as the field allows.
        user.name = " ".join((data.get("name") or full_name or "").split())[:150]
        user.email = services.normalise_email(user.email or "")
        return user

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        services.invitations_accept_all(user=user)
        return user
