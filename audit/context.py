"""Who is acting and from where, for events recorded deep inside a save.

A model signal has no request, so the middleware puts the request's person, address and
path in a context variable for the length of the request. Outside a request (a Celery
task, a management command) the actor is "system".
"""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    request: object | None = None  # an HttpRequest; its `user` is read only when recording
    ip: str | None = None
    path: str = ""


SYSTEM = Origin()

origin: ContextVar[Origin] = ContextVar("audit_origin", default=SYSTEM)


def origin_of(request) -> Origin:
    return Origin(request=request, ip=request.META.get("REMOTE_ADDR") or None, path=request.path)


def actor_of(current: Origin):
    """The signed-in person (or None) and a label for who acted when nobody is signed in."""
    if current.request is None:
        return None, "system"
    user = getattr(current.request, "user", None)
    if user is not None and user.is_authenticated:
        return user, ""
    return None, "anonymous"
