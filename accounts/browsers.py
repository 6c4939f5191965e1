"""Browsers and sessions a person signs in with: a sign-in from a browser their account has
not seen before is emailed to them, and they can sign out of every browser at once."""

import secrets

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from accounts.models import KnownBrowser, User, hash_token
from core.mail import enqueue

_USER_AGENT_LENGTH = KnownBrowser._meta.get_field("user_agent").max_length


def new_browser_id() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def browser_signed_in(*, user: User, browser_id: str, user_agent: str) -> KnownBrowser:
    """Record a sign-in from the browser whose cookie holds `browser_id`. The first
    browser of an account is simply remembered; any later new one is emailed about."""
    browser_hash = hash_token(browser_id)
    now = timezone.now()
    seen_before = KnownBrowser.objects.filter(user=user).exists()
    browser, created = KnownBrowser.objects.get_or_create(
        user=user,
        browser_hash=browser_hash,
        defaults={"user_agent": user_agent[:_USER_AGENT_LENGTH], "first_seen": now},
    )
    browser.last_seen = now
    browser.full_clean()
    browser.save(update_fields=["last_seen"])
    if created and seen_before:
        enqueue("accounts.tasks.send_new_browser_email", browser.pk)
    return browser


def sessions_end_all(*, user: User, keep: str | None = None) -> None:
    """Sign the person out in every browser, but the session keyed `keep` if given."""
    for session in UserSession.objects.filter(user=user).exclude(session_key=keep):
        session.end()


# Session engines that keep every session in django_session, so one query tells which live.
_DATABASE_ENGINES = {
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
}


def sessions_signed_in(*, user: User) -> list[UserSession]:
    """The person's sessions still signed in, oldest first; ended ones are forgotten.
    A fixed number of queries however many there are (allauth asks the store per row)."""
    if settings.SESSION_ENGINE not in _DATABASE_ENGINES:
        return sorted(UserSession.objects.purge_and_list(user), key=lambda s: s.created_at)
    rows = list(UserSession.objects.filter(user=user).order_by("created_at"))
    alive = set(
        Session.objects.filter(
            session_key__in=[row.session_key for row in rows], expire_date__gt=timezone.now()
        ).values_list("session_key", flat=True)
    )
    ended = [row.pk for row in rows if row.session_key not in alive]
    if ended:
        UserSession.objects.filter(pk__in=ended).delete()
    return [row for row in rows if row.session_key in alive]
