"""The page where a fellow answers a wave, as a draft or submitted."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.forms import show_errors
from core.permissions import object_permission_required
from evaluation.forms import AnswerForm
from evaluation.models import Wave
from evaluation.selectors import answering as selectors
from evaluation.selectors.waves import WAVES
from evaluation.services import answering as services


@object_permission_required(
    "evaluation.answer_wave", visible="evaluation.see_wave", model=Wave, queryset=WAVES
)
def answer(request, wave):
    reason = wave.closed_reason()
    if reason:  # nothing is saved; the page says why
        return render(
            request,
            "evaluation/wave_closed.html",
            {"wave": wave, "reason": reason, "attempted": request.method == "POST"},
        )
    domains = selectors.wave_domains(wave)
    response = selectors.own_response(wave, request.user)
    initial = {}
    if response is not None:
        initial = {f"item_{a.indicator_id}": a.value for a in response.answers.all()}
        initial |= {
            f"then_{b.indicator_id}" if b.indicator_id else f"start_{b.domain_id}": b.value
            for b in response.looking_back.all()
        }
    form = AnswerForm(request.POST or None, domains=domains, wave=wave, initial=initial)
    submitted = response is not None and response.submitted_at is not None
    unscored = []
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        submit = submitted or action in ("submit", "submit_anyway")
        answers = form.answers()
        # Warn once; "submit_anyway" is the fellow's answer to the warning. With no
        # answers at all the service refuses outright.
        if action == "submit" and any(value is not None for value in answers.values()):
            unscored = services.domains_left_unscored(domains, answers)
    if request.method == "POST" and form.is_valid() and not unscored:
        try:
            services.response_save(
                wave=wave,
                fellow=request.user,
                answers=form.answers(),
                looking_back=form.looking_back(),
                then=form.then_answers(),
                submit=submit,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            if submitted:
                messages.success(request, "Your changes are saved and your scores updated")
            elif submit:
                messages.success(request, "Thank you: your answers are submitted")
            else:
                messages.success(
                    request, "Your answers are saved as a draft; submit them before the wave closes"
                )
            return redirect("evaluation:answer", wave.pk)
    return render(
        request,
        "evaluation/answer.html",
        {
            "wave": wave,
            "form": form,
            "response": response,
            "submitted": submitted,
            "unscored": unscored,
        },
    )
