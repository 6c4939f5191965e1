"""Inviting a list of people to a cohort, pasted or uploaded."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render

from cohorts.forms.invitations import BulkInvitationForm
from cohorts.services import invitations as services
from cohorts.views.cohorts import cohort_permission
from core.forms import show_errors


@cohort_permission("cohorts.manage_cohort")
def bulk_invite(request, cohort):
    form = BulkInvitationForm(request.POST or None, request.FILES or None)
    plan, sent = None, False
    if request.method == "POST" and form.is_valid():
        # Nothing is sent until the adviser confirms the list they were shown.
        if request.POST.get("action") == "confirm" and form.cleaned_data["payload"]:
            try:
                plan = services.invitations_send(
                    cohort=cohort, invited_by=request.user, lines=form.lines
                )
            except ValidationError as error:
                show_errors(form, error)
            else:
                sent = True
                invited = sum(item.status == services.LineStatus.INVITED for item in plan)
                messages.success(request, f"{invited} invitation{'s' if invited != 1 else ''} sent")
        else:
            plan = services.invitations_plan(cohort=cohort, lines=form.lines)
    return render(
        request,
        "cohorts/bulk_invite.html",
        {
            "cohort": cohort,
            "form": form,
            "plan": plan,
            "sent": sent,
            "to_send": sum(item.will_send for item in plan or []),
        },
    )
