"""Removing someone from a cohort or a programme, or closing their account. The membership
ends (accounts) and the mentoring sessions they had still to come are cancelled (mentoring),
so this lives here at the top, where every app may be imported. Nothing they recorded is
deleted."""

import datetime

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Role, User
from accounts.services import membership_deactivate as deactivate
from core.permissions import object_permission_required
from mentoring.models import Booking
from mentoring.selectors import bookings as mentoring_selectors
from mentoring.services import leavers as mentoring

# Advisers are not removed here: a programme must not lose its last adviser by a click.
REMOVABLE = Membership.objects.exclude(role=Role.ADVISER).select_related(
    "user", "cohort", "programme"
)


@transaction.atomic
def membership_end(*, membership: Membership, by: User, now: datetime.datetime) -> list[Booking]:
    """End one role and cancel the sessions still to come that it had; returns those."""
    deactivate(membership=membership)
    return mentoring.bookings_cancel_for_leaver(membership=membership, by=by, now=now)


@transaction.atomic
def account_deactivate(
    *, user: User, by: User, now: datetime.datetime | None = None
) -> list[Booking]:
    """Close an account instead of deleting it: the person can no longer sign in, every
    role ends as on the remove page, and what they recorded stays. Returns the sessions
    still to come that were cancelled."""
    now = now or timezone.now()
    cancelled = []
    for membership in user.memberships.filter(is_active=True):
        cancelled += membership_end(membership=membership, by=by, now=now)
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    return cancelled


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
        cancelled = membership_end(membership=membership, by=request.user, now=now)
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
