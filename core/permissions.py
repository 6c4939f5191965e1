"""One way to ask "may this person do this?" in a view.

`object_permission_required` loads the object named in the URL, answers 404
when the person may not know it exists, 403 when they may see it but not do
this, and hands the object to the view.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404


def object_permission_required(perm, *, model, visible=None, url_kwarg="pk", queryset=None):
    """Load `model` by the URL kwarg and check `perm` on it.

    `visible` is the permission that lets someone know the object exists
    (default: `perm` itself, so a refusal is a 404). The view is called as
    `view(request, obj, *args, **kwargs)` without the URL kwarg.
    """
    visible = visible or perm

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            source = queryset if queryset is not None else model._default_manager.all()
            obj = get_object_or_404(source, pk=kwargs.pop(url_kwarg))
            if not request.user.has_perm(visible, obj):
                raise Http404(f"No {model._meta.verbose_name} matches the given query.")
            if perm != visible and not request.user.has_perm(perm, obj):
                raise PermissionDenied
            return view(request, obj, *args, **kwargs)

        return wrapper

    return decorator


def permission_required(perm):
    """A permission that is not about one object (e.g. "is an adviser")."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
