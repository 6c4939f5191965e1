from django.utils.functional import SimpleLazyObject

from accounts.roles import roles_of
from core.cached import for_user
from fellowship.navigation import items_for, with_current
from recruitment.signals import HAS_APPLIED


def navigation(request):
    """Navigation and roles for the header, worked out once and only if a template asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "roles": None}
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else None
    return {
        "nav_items": SimpleLazyObject(
            lambda: with_current(_items(user, _has_applied(request)), request.path, view_name)
        ),
        "roles": SimpleLazyObject(lambda: roles_of(user)),
    }


def _items(user, has_applied: bool):
    # Roles and the open wave are under the person's own stamp, the wave by the day.
    return for_user(
        user,
        f"nav:{has_applied}",
        lambda: items_for(user, roles_of(user), has_applied),
        daily=True,
    )


def _has_applied(request) -> bool:
    # Set in the session at sign-in and on applying (recruitment.signals): no query here.
    session = getattr(request, "session", None)
    return session is not None and bool(session.get(HAS_APPLIED))
