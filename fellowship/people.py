"""Removing someone from a cohort or a programme. The membership ends (accounts) and the
mentoring sessions they had still to come are cancelled (mentoring), so the page lives
here at the top, where every app may be imported."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from fellowship.accounts.models import Membership, Role
from fellowship.accounts.services import membership_deactivate as deactivate
from fellowship.permissions import object_permission_required
from mentoring import selectors as mentoring_selectors
from mentoring import services as mentoring

# Advisers are not removed here: a programme must not lose its last adviser by a click.
REMOVABLE = Membership.objects.exclude(role=Role.ADVISER).select_related(
    "user", "cohort", "programme"
)


def _back(membership: Membership) -> str:
    if membership.cohort_id:
        return reverse("cohorts:detail", args=[membership.cohort_id])
    return reverse("programme_detail", args=[membership.programme_id])


@object_permission_required(
    "accounts.change_membership",
    model=Membership,
    visible="cohorts.view_membership",
    queryset=REMOVABLE,
)
def membership_deactivate(request, membership):
    place = membership.cohort or membership.programme
    now = timezone.now()
    if request.method == "POST":
        with transaction.atomic():
            deactivate(membership=membership)
            cancelled = mentoring.bookings_cancel_for_leaver(
                membership=membership, by=request.user, now=now
            )
        told = ""
        if cancelled:
            count = len(cancelled)
            told = (
                f" {count} mentoring session{'s' if count != 1 else ''} still to come "
                f"{'were' if count != 1 else 'was'} cancelled, and everyone told."
            )
        messages.success(
            request,
            f"{membership.user.name} is no longer a {membership.get_role_display().lower()} "
            f"of {place}. Their records are kept.{told}",
        )
        return redirect(_back(membership))
    sessions = mentoring_selectors.upcoming_bookings_of(membership, now=now).count()
    return render(
        request,
        "accounts/membership_deactivate.html",
        {"membership": membership, "place": place, "sessions": sessions, "back": _back(membership)},
    )
