from django.utils.functional import SimpleLazyObject

from fellowship.accounts.roles import roles_of
from fellowship.navigation import items_for


def navigation(request):
    """Navigation and roles for the header, worked out once and only if a template asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "roles": None}
    return {
        "nav_items": SimpleLazyObject(lambda: items_for(user, roles_of(user))),
        "roles": SimpleLazyObject(lambda: roles_of(user)),
    }
