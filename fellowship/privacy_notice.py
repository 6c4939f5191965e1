"""The privacy notice: what Pioneer keeps about people, why, for how long, who sees it,
and the cookies it sets. Public, so people can read it before they accept an invitation."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.models import Programme

DEFAULT_RETENTION_YEARS = Programme._meta.get_field("retention_years").default


def cookies() -> list[tuple[str, str, str]]:
    """Every cookie Pioneer sets (name, purpose, how long): all strictly necessary."""
    return [
        (
            settings.SESSION_COOKIE_NAME,
            "Keeps you signed in as you move from page to page.",
            "Until you sign out, or after "
            f"{settings.PIONEER_IDLE_MINUTES} minutes without using Pioneer",
        ),
        (
            settings.CSRF_COOKIE_NAME,
            "Stops other websites sending forms to Pioneer in your name.",
            "1 year",
        ),
        ("messages", "Shows a message such as 'Invitation sent' on the next page.", "1 page"),
        (
            settings.PIONEER_BROWSER_COOKIE,
            "Recognises a browser you have signed in with before, so we can email you "
            "when your account is signed into from a new one.",
            f"{settings.PIONEER_BROWSER_COOKIE_DAYS // 365} years",
        ),
    ]


@require_safe
def privacy_notice(request):
    return render(
        request,
        "fellowship/privacy_notice.html",
        {
            "default_retention_years": DEFAULT_RETENTION_YEARS,
            "programmes": Programme.objects.only("name", "retention_years"),
            "cookies": cookies(),
        },
    )
