"""What happens around signing in: the browser is remembered (and a new one emailed
about), and a new password ends every other session of the account."""

import re

from allauth.account.signals import password_changed, password_reset, password_set
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts.browsers import browser_signed_in, new_browser_id, sessions_end_all
from accounts.middleware import mark_active

# What new_browser_id() makes; anything else in the cookie is replaced.
_BROWSER_ID = re.compile(r"[A-Za-z0-9_-]{43}")


@receiver(user_logged_in, dispatch_uid="accounts_remember_browser")
def remember_browser(sender, request, user, **kwargs):
    if request is None:
        return
    mark_active(request, user)
    browser_id = request.COOKIES.get(settings.PIONEER_BROWSER_COOKIE, "")
    if not _BROWSER_ID.fullmatch(browser_id):
        browser_id = new_browser_id()
    browser_signed_in(
        user=user, browser_id=browser_id, user_agent=request.META.get("HTTP_USER_AGENT", "")
    )
    # BrowserCookieMiddleware keeps it in the browser.
    request.pioneer_browser_id = browser_id


@receiver(password_changed, dispatch_uid="accounts_end_sessions_on_password_changed")
@receiver(password_set, dispatch_uid="accounts_end_sessions_on_password_set")
@receiver(password_reset, dispatch_uid="accounts_end_sessions_on_password_reset")
def end_other_sessions(sender, request, user, **kwargs):
    """Whoever knew the old password is signed out everywhere; this browser stays in."""
    sessions_end_all(
        user=user, keep=getattr(getattr(request, "session", None), "session_key", None)
    )
