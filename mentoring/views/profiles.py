"""A mentor's profile on a programme, kept by the mentor."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from accounts.models import Programme
from core.forms import show_errors
from core.permissions import object_permission_required
from mentoring.forms import ProfileForm
from mentoring.selectors.profiles import profile_of
from mentoring.services import profiles as services


@object_permission_required("mentoring.keep_profile", model=Programme)
def profile_edit(request, programme):
    profile = profile_of(request.user.pk, programme.pk)
    if profile is not None:
        initial = {
            "job_title": profile.job_title,
            "organisation": profile.organisation,
            "bio": profile.bio,
            "expertise": list(profile.expertise.all()),
            "monthly_limit": profile.monthly_limit,
        }
    else:
        initial = services.profile_defaults(user=request.user, programme=programme)
    form = ProfileForm(request.POST or None, initial=initial, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_profile_update(
                user=request.user, programme=programme, **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Your profile is saved.")
            return redirect("mentoring:availability")
    return render(request, "mentoring/profile_edit.html", {"programme": programme, "form": form})
