"""Who is acting and from where, for events recorded deep inside a save.

A model signal has no request, so the middleware puts the request's person, address and
path in a context variable for the length of the request. Outside a request (a Celery
task, a management command) the actor is "system".
"""

import ipaddress
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Origin:
    request: object | None = None  # an HttpRequest; its `user` is read only when recording
    ip: str | None = None
    path: str = ""


SYSTEM = Origin()

origin: ContextVar[Origin] = ContextVar("audit_origin", default=SYSTEM)


def client_ip(request) -> str | None:
    """The client's address. Behind PIONEER_TRUSTED_PROXY_COUNT proxies REMOTE_ADDR is the
    nearest proxy's, so it is read from X-Forwarded-For: each proxy appends the address it
    saw, so the N-th hop from the right is the one the outermost trusted proxy saw; hops
    further left came from the client and may be forged. A header too short or not an
    address falls back to REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.PIONEER_TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return remote


def origin_of(request) -> Origin:
    return Origin(request=request, ip=client_ip(request), path=request.path)


def actor_of(current: Origin):
    """The signed-in person (or None) and a label for who acted when nobody is signed in."""
    if current.request is None:
        return None, "system"
    user = getattr(current.request, "user", None)
    if user is not None and user.is_authenticated:
        return user, ""
    return None, "anonymous"
