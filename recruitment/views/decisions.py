"""The adviser reads an application with its reviews and records a decision."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.forms import show_errors
from core.permissions import object_permission_required
from recruitment.forms.decisions import DecisionForm
from recruitment.models import (
    Answer,
    Application,
    Criterion,
    DecisionRecord,
    Offer,
    Review,
    Score,
)
from recruitment.selectors import ranking as ranking_selectors
from recruitment.services import decisions as services

APPLICATIONS = Application.objects.select_related(
    "round__cohort__programme", "applicant", "decided_by"
)


def _differ(low_high: tuple[int, int] | None) -> bool:
    return low_high is not None and low_high[1] - low_high[0] >= ranking_selectors.SPREAD


@object_permission_required("recruitment.manage_reviews", model=Application, queryset=APPLICATIONS)
def decision(request, application):
    initial = {"decision": application.decision or None, "reason": application.decision_reason}
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_decide(
                application=application, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request, f"{application.reference}: {application.get_decision_display()}"
            )
            return redirect("recruitment:decision", application.pk)
    reviews = (
        Review.objects.filter(assignment__application=application, status=Review.Status.SUBMITTED)
        .select_related("assignment__reviewer")
        .prefetch_related("scores")
        .order_by("assignment__reviewer__name", "pk")
    )
    criteria = list(Criterion.objects.filter(round_id=application.round_id))
    spread = ranking_selectors.spread_of(application)
    table = []
    for review in reviews:
        by_criterion: dict[int, Score] = {s.criterion_id: s for s in review.scores.all()}
        table.append((review, [by_criterion.get(criterion.pk) for criterion in criteria]))
    answers = (
        Answer.objects.filter(application=application)
        .select_related("question")
        .order_by("question__order", "question__pk")
    )
    offer = Offer.objects.filter(application=application).first()
    history = (
        DecisionRecord.objects.filter(application=application)
        .select_related("decided_by")
        .order_by("-decided_at", "-pk")
    )
    return render(
        request,
        "recruitment/review/decision.html",
        {
            "application": application,
            "round": application.round,
            "criteria": [(criterion, _differ(spread.get(criterion.pk))) for criterion in criteria],
            "reviews": table,
            "answers": answers,
            "form": form,
            "offer": offer,
            "history": history,
            "offer_stands": offer is not None
            and offer.status in (Offer.Status.SENT, Offer.Status.ACCEPTED),
        },
    )
