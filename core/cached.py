"""Cached reads keyed by `core.changes` stamps: correct after any write, whatever the
cache holds. A cache that is down (core.cache) is a miss, and the page is computed."""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from core.changes import key

_MISSING = object()


def for_user(user, name: str, compute: Callable, *, daily: bool = False):
    """`compute()` for this person, cached under their own stamp (read with their row by
    accounts.backends); `daily` for a value that also depends on today's date."""
    stamp = getattr(user, "own_stamp", None)
    if stamp is None:  # a user not loaded by our backends (a test's own instance)
        return compute()
    memo = user.__dict__.setdefault("_pioneer_cached", {})
    if name in memo:
        return memo[name]
    parts = ["user", name, user.pk, stamp]
    if daily:
        parts.append(timezone.localdate().isoformat())
    cache_key = key(*parts)
    held = cache.get(cache_key, _MISSING)
    if held is _MISSING:
        held = (compute(),)  # in a tuple, so a None result is cached too
        cache.set(cache_key, held, settings.PIONEER_PAGE_CACHE_SECONDS)
    memo[name] = held[0]
    return held[0]


def fragment(request, name: str, stamp: str, render: Callable[[], str]) -> SafeString:
    """A page's rendered body, cached per person, page address, stamp and hour (pages say
    "overdue" or "next" by the clock). A body holding a form's CSRF token or a script's
    nonce belongs to one browser and one response, so it is never cached."""
    cache_key = key(
        "fragment",
        name,
        request.user.pk,
        stamp,
        timezone.localtime().strftime("%Y%m%d%H"),
        # Hashed: an address can be longer, or hold characters, that a cache key may not.
        hashlib.sha1(request.get_full_path().encode()).hexdigest(),
    )
    html = cache.get(cache_key)
    if html is None:
        html = render()
        if "csrfmiddlewaretoken" not in html and "nonce=" not in html:
            cache.set(cache_key, html, settings.PIONEER_PAGE_CACHE_SECONDS)
    return mark_safe(html)
