"""Fellows and advisers browse the programme's mentors; a mentor's page with their free
slots."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from accounts.models import Programme
from accounts.roles import roles_of
from core import cached
from core.changes import programmes_stamp
from core.pagination import page_of
from core.permissions import object_permission_required, permission_required
from mentoring.forms import DirectoryFilterForm
from mentoring.models import MentorProfile
from mentoring.rules import is_fellow_on_programme
from mentoring.selectors.directory import (
    directory_programmes,
    free_soon,
    mentor_directory,
    suggested_mentors,
    with_next_free,
)
from mentoring.selectors.slots import free_slots_of
from mentoring.selectors.waitlist import waiting_entry

PROFILES = MentorProfile.objects.select_related("user", "programme")
DIRECTORY_PAGE = 24  # mentor cards a page, two to a row


def _pick_programme(request, programmes: list[Programme]) -> Programme:
    wanted = request.GET.get("programme", "")
    for programme in programmes:
        if str(programme.pk) == wanted:
            return programme
    return programmes[0]


def _by_day(slots) -> list[tuple]:
    """Slots grouped by their London date, in order."""
    days: dict = {}
    for slot in slots:
        days.setdefault(timezone.localtime(slot.starts_at).date(), []).append(slot)
    return list(days.items())


@permission_required("mentoring.browse_mentors")
# Five minutes: each mentor's next free slot turns on the clock.
@cached.page(lambda request: programmes_stamp(roles_of(request.user).programmes), minutes=5)
def directory(request):
    programmes = list(directory_programmes(request.user))
    if not programmes:  # a superuser passes every permission but may have no programme
        raise PermissionDenied
    programme = _pick_programme(request, programmes)
    form = DirectoryFilterForm(request.GET or None, programme=programme)
    theme, free_soon_only = None, False
    if form.is_bound and form.is_valid():
        theme, free_soon_only = form.cleaned_data["expertise"], form.cleaned_data["free_soon"]
    now = timezone.now()
    is_fellow = is_fellow_on_programme.test(request.user, programme)
    mentors = mentor_directory(programme, theme=theme)
    if free_soon_only:  # needs every mentor's next free slot before the page is cut
        mentors = free_soon(mentors, programme, now=now)
    page = page_of(request, mentors, DIRECTORY_PAGE)
    page.object_list = list(page.object_list)
    if not free_soon_only:
        with_next_free(page.object_list, programme, now=now)
    return render(
        request,
        "mentoring/directory.html",
        {
            "programme": programme,
            "programmes": programmes,
            "form": form,
            "page": page,
            "filtered": theme is not None or free_soon_only,
            "is_fellow": is_fellow,
            "suggestions": suggested_mentors(request.user, programme, now=now) if is_fellow else [],
        },
    )


@object_permission_required("mentoring.view_mentor", model=MentorProfile, queryset=PROFILES)
def mentor_detail(request, profile):
    now = timezone.now()
    user = request.user
    is_fellow = user.has_perm("mentoring.join_waitlist", profile)
    slots = list(free_slots_of(profile, now=now))
    return render(
        request,
        "mentoring/mentor_detail.html",
        {
            "profile": profile,
            "days": _by_day(slots),
            "is_fellow": is_fellow,
            "waiting": waiting_entry(
                mentor=profile.user, fellow=user, programme=profile.programme, now=now
            )
            if is_fellow
            else None,
        },
    )
