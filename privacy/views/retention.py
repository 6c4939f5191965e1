"""A programme's retention period, and who it will anonymise soon (the dry run)."""

import datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.models import Programme
from core.permissions import object_permission_required
from privacy import selectors
from privacy.forms import RetentionForm
from privacy.services.retention import retention_years_set


@object_permission_required("privacy.manage_programme", model=Programme)
def retention(request, programme):
    form = RetentionForm(
        request.POST or None, initial={"retention_years": programme.retention_years}
    )
    if request.method == "POST" and form.is_valid():
        retention_years_set(programme=programme, years=form.cleaned_data["retention_years"])
        messages.success(
            request,
            f"{programme} now keeps personal data for {programme.retention_years} years "
            "after a person's last cohort ends.",
        )
        return redirect("privacy:retention", programme.pk)
    today = timezone.localdate()
    return render(
        request,
        "privacy/retention.html",
        {
            "programme": programme,
            "form": form,
            "due": selectors.retention_due(today=today, programme=programme),
            "today": today,
            "horizon": today + datetime.timedelta(days=selectors.WARN_DAYS),
            "warn_days": selectors.WARN_DAYS,
        },
    )
