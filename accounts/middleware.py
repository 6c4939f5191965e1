from datetime import UTC, datetime, timedelta

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from accounts.roles import roles_of

# Pages an adviser without MFA may still open: allauth's own, and static files.
_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/healthz")


class AdviserMFAMiddleware:
    """When PIONEER_REQUIRE_ADVISER_MFA is on, advisers must set up MFA first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.PIONEER_REQUIRE_ADVISER_MFA
            and request.user.is_authenticated
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and roles_of(request.user).is_adviser
            and not Authenticator.objects.filter(
                user=request.user, type=Authenticator.Type.TOTP
            ).exists()
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


_LAST_SEEN = "pioneer_last_seen"
# Recording every request would write the session on every page: it is written once a
# minute at most, or once a thirtieth of the limit when that is longer.
_SHORTEST_WRITE_INTERVAL = timedelta(minutes=1)
# The session itself ends this long after the limit (so the list of where a person is
# signed in drops it); a person back within it is told why they were signed out.
_GRACE = timedelta(minutes=10)


def idle_minutes(user) -> int:
    """How long a signed-in person may leave Pioneer untouched; advisers may have less."""
    minutes = settings.PIONEER_IDLE_MINUTES
    if minutes > settings.PIONEER_ADVISER_IDLE_MINUTES and roles_of(user).is_adviser:
        minutes = settings.PIONEER_ADVISER_IDLE_MINUTES
    return minutes


def mark_active(request, user, minutes: int | None = None) -> None:
    """Restart the session's idle clock."""
    if minutes is None:
        minutes = idle_minutes(user)
    request.session[_LAST_SEEN] = timezone.now().timestamp()
    # A session kept only until the browser closes ("Remember me" unticked) stays so.
    if not request.session.get_expire_at_browser_close():
        request.session.set_expiry(int((timedelta(minutes=minutes) + _GRACE).total_seconds()))


class IdleTimeoutMiddleware:
    """Signs a person out after PIONEER_IDLE_MINUTES without a request (advisers:
    PIONEER_ADVISER_IDLE_MINUTES). The time of the last request is kept in the session,
    written at most once a minute (a thirtieth of the limit if longer): the limit holds
    to within that."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated:
            response = self.get_response(request)
            if request.user.is_authenticated:
                # Signed in by this request: after allauth's "Remember me" set the expiry.
                mark_active(request, request.user)
            return response
        now = timezone.now()
        last = request.session.get(_LAST_SEEN)
        last_seen = None if last is None else datetime.fromtimestamp(last, UTC)
        minutes = idle_minutes(request.user)
        if last_seen is not None and now - last_seen > timedelta(minutes=minutes):
            logout(request)
            messages.info(
                request,
                f"You were signed out because Pioneer was not used for {minutes} "
                "minutes. Sign in again to carry on.",
            )
            return redirect_to_login(request.get_full_path())
        write_every = max(_SHORTEST_WRITE_INTERVAL, timedelta(minutes=minutes) / 30)
        if last_seen is None or now - last_seen >= write_every:
            mark_active(request, request.user, minutes)
        return self.get_response(request)


class BrowserCookieMiddleware:
    """Keeps the id of a browser that has just signed in in its cookie
    (accounts.signals.remember_browser), so its next sign-in is not a new browser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        browser_id = getattr(request, "pioneer_browser_id", None)
        if browser_id is not None:
            response.set_cookie(
                settings.PIONEER_BROWSER_COOKIE,
                browser_id,
                max_age=timedelta(days=settings.PIONEER_BROWSER_COOKIE_DAYS),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
