"""Cached reads keyed by `core.changes` stamps: correct after any write, whatever the
cache holds. A cache that is down (core.cache) is a miss, and the page is computed."""

import hashlib
import re
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

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


# Whole pages. A page's HTML holds two things that belong to one request rather than to the
# page: the CSRF token of its forms (a fresh mask of the browser's secret each time) and the
# flash messages shown once. The token is cut out before the page is stored and the
# current request's put back when it is served; a request with messages waiting is
# rendered afresh, so they are shown and used up as before.
_SESSION_FLAGS: list[str] = []


def vary_on_session(name: str) -> None:
    """Key every cached page on whether the session holds `name` (a flag a page shows)."""
    if name not in _SESSION_FLAGS:
        _SESSION_FLAGS.append(name)


_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_HOLE = "\x00csrf\x00"


def page(stamp_of: Callable[..., str | None], *, minutes: int = 60):
    """Serve a signed-in GET page from the cache under `stamp_of(request, *args)` (the
    stamps of every programme, cohort or person it shows; None: never cache it for this
    request), the person's own stamp (their name, roles and navigation in the header),
    the page address and the clock to `minutes`. Goes under the permission decorators,
    so every request is checked before anything is served."""

    def decorator(view):
        name = f"{view.__module__}.{view.__qualname__}"

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            cache_key = _page_key(request, name, stamp_of, minutes, args, kwargs)
            if cache_key is None:
                return view(request, *args, **kwargs)
            held = cache.get(cache_key)
            if held is not None:
                content_type, html = held
                return HttpResponse(
                    html.replace(_HOLE, get_token(request)), content_type=content_type
                )
            response = view(request, *args, **kwargs)
            stored = _storable(response)
            if stored is not None:
                cache.set(cache_key, stored, settings.PIONEER_PAGE_CACHE_SECONDS)
            return response

        return wrapper

    return decorator


def _page_key(request, name, stamp_of, minutes, args, kwargs) -> str | None:
    user = request.user
    own = getattr(user, "own_stamp", None)
    if request.method != "GET" or own is None or len(messages.get_messages(request)):
        return None
    stamp = stamp_of(request, *args, **kwargs)
    if stamp is None:
        return None
    now = timezone.localtime()
    return key(
        "whole",
        name,
        user.pk,
        own,
        stamp,
        *(bool(request.session.get(flag)) for flag in _SESSION_FLAGS),
        f"{now:%Y%m%d}{(now.hour * 60 + now.minute) // minutes}",
        hashlib.sha1(request.build_absolute_uri().encode()).hexdigest(),
    )


def _storable(response) -> tuple[str, str] | None:
    """(content type, HTML with the CSRF token cut out) of a plain 200 HTML page."""
    if getattr(response, "streaming", False) or response.status_code != 200:
        return None
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    content_type = response.get("Content-Type", "")
    # Only the content type: a page that sets a header or cookie of its own is not stored.
    if not content_type.startswith("text/html") or len(response.headers) > 1 or response.cookies:
        return None
    html = response.content.decode(response.charset)
    if "nonce=" in html or _HOLE in html:
        return None
    for token in set(_TOKEN.findall(html)):
        html = html.replace(token, _HOLE)
    return content_type, html
