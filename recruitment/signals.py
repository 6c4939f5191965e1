"""Whether the person signed in has applied, kept in their session at sign-in so the
navigation can offer "Your applications" without a query on every page."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from recruitment.models import Application

HAS_APPLIED = "pioneer_has_applied"


def remember_applied(request) -> None:
    """Called when the person starts an application in this browser."""
    request.session[HAS_APPLIED] = True


@receiver(user_logged_in, dispatch_uid="recruitment_remember_applied")
def remember_applied_at_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[HAS_APPLIED] = Application.objects.filter(applicant=user).exists()
