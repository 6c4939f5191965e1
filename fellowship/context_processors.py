from fellowship.accounts.roles import roles_of
from fellowship.navigation import items_for


def navigation(request):
    """Navigation and roles for the header; computed only when a template asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "roles": None}

    def nav_items():
        return items_for(user, roles_of(user))

    return {"nav_items": nav_items, "roles": lambda: roles_of(user)}
