from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

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
