"""Fellows join and leave a full mentor's waitlist."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from core.permissions import object_permission_required
from mentoring.models import MentorProfile, WaitlistEntry
from mentoring.selectors.profiles import profile_of
from mentoring.services import waitlist as services
from mentoring.views.directory import PROFILES


@require_POST
@object_permission_required(
    "mentoring.join_waitlist",
    model=MentorProfile,
    visible="mentoring.view_mentor",
    queryset=PROFILES,
)
def waitlist_join(request, profile):
    try:
        services.waitlist_join(profile=profile, fellow=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"You are on {profile.user.name}'s waitlist. We will email you when a slot "
            "comes free; your place lasts 30 days.",
        )
    return redirect("mentoring:mentor_detail", profile.pk)


@require_POST
@object_permission_required("mentoring.leave_waitlist", model=WaitlistEntry)
def waitlist_leave(request, entry):
    profile = profile_of(entry.mentor_id, entry.programme_id)
    services.waitlist_leave(entry=entry)
    messages.success(request, "You have left the waitlist.")
    if profile is None:
        return redirect("mentoring:directory")
    return redirect("mentoring:mentor_detail", profile.pk)
