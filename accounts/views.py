from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts import browsers, selectors, services
from accounts.forms import AcceptInvitationForm, InvitationForm
from accounts.models import Invitation, Programme, User
from core.forms import show_errors
from core.permissions import object_permission_required

_BACKEND = "accounts.backends.ModelBackend"


@object_permission_required("accounts.manage_programme", model=Programme)
def programme_detail(request, programme):
    cohorts = selectors.with_member_counts(programme.cohorts.all())
    return render(
        request,
        "accounts/programme_detail.html",
        {
            "programme": programme,
            "cohorts": cohorts,
            "people": selectors.programme_people(programme),
            "invitations": selectors.pending_invitations(programme),
        },
    )


@object_permission_required("accounts.manage_programme", model=Programme)
def invite(request, programme):
    form = InvitationForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if services.is_member(
            email=data["email"], programme=programme, cohort=data["cohort"], role=data["role"]
        ):
            form.add_error("email", "This person already has that role")
        else:
            try:
                services.invitation_create(invited_by=request.user, programme=programme, **data)
            except ValidationError as error:
                show_errors(form, error)
            else:
                messages.success(request, f"Invitation sent to {data['email']}")
                return redirect("programme_detail", programme.pk)
    return render(request, "accounts/invite.html", {"programme": programme, "form": form})


@require_POST
@object_permission_required("accounts.revoke_invitation", model=Invitation)
def invitation_revoke(request, invitation):
    services.invitation_revoke(invitation=invitation)
    messages.success(request, f"Invitation to {invitation.email} withdrawn")
    return redirect("programme_detail", invitation.programme_id)


@require_POST
@object_permission_required("accounts.revoke_invitation", model=Invitation)
def invitation_resend(request, invitation):
    if invitation.accepted_at or invitation.revoked_at:
        messages.error(request, "That invitation can no longer be sent")
    else:
        services.invitation_resend(invitation=invitation)
        messages.success(request, f"A new invitation link was sent to {invitation.email}")
    return redirect("programme_detail", invitation.programme_id)


def invitation_accept(request, token):
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationError as error:
        return render(request, "accounts/invitation_invalid.html", {"reason": str(error)})

    if request.user.is_authenticated:
        return _accept_as_signed_in(request, invitation)
    if User.objects.filter(email__iexact=invitation.email).exists():
        return render(request, "accounts/invitation_sign_in.html", {"invitation": invitation})

    form = AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept_new_user(
                invitation=invitation,
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password1"],
            )
        except services.InvitationError as error:
            return render(request, "accounts/invitation_invalid.html", {"reason": str(error)})
        login(request, user, backend=_BACKEND)
        messages.success(request, f"Welcome to {invitation.place}, {user.get_short_name()}")
        return redirect("home")
    return render(
        request, "accounts/invitation_accept.html", {"invitation": invitation, "form": form}
    )


def _accept_as_signed_in(request, invitation):
    if request.method == "POST":
        try:
            services.invitation_accept_existing_user(invitation=invitation, user=request.user)
        except services.InvitationError as error:
            return render(request, "accounts/invitation_invalid.html", {"reason": str(error)})
        messages.success(request, f"You have joined {invitation.place}")
        return redirect("home")
    return render(request, "accounts/invitation_confirm.html", {"invitation": invitation})


@require_POST
@login_required
def sign_out_everywhere(request):
    browsers.sessions_end_all(user=request.user)
    logout(request)
    messages.success(request, "You have been signed out everywhere")
    return redirect("account_login")


@login_required
def signed_in_sessions(request):
    """Where the person is signed in; they may sign out of the other browsers."""
    if request.method == "POST":
        browsers.sessions_end_all(user=request.user, keep=request.session.session_key)
        messages.success(request, "You have been signed out of the other browsers")
        return redirect("usersessions_list")
    sessions = browsers.sessions_signed_in(user=request.user)
    return render(
        request,
        "usersessions/usersession_list.html",
        {"sessions": sessions, "session_count": len(sessions)},
    )
