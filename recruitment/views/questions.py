"""The questions editor of an application form, and copying a form to a new version."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.forms import show_errors
from core.permissions import object_permission_required
from recruitment.forms.questions import QuestionForm
from recruitment.models import ApplicationForm, Question
from recruitment.services import questions as services

FORMS = ApplicationForm.objects.select_related("programme")
QUESTIONS = Question.objects.select_related("form__programme")


@object_permission_required("recruitment.manage_form", model=ApplicationForm, queryset=FORMS)
def form_detail(request, form):
    context = {
        "form_version": form,
        "questions": form.questions.all(),
        "rounds": form.rounds.select_related("cohort").order_by("-opens_at"),
        "newer": ApplicationForm.objects.filter(
            programme_id=form.programme_id, name=form.name, version__gt=form.version
        )
        .order_by("-version")
        .first(),
    }
    return render(request, "recruitment/form_detail.html", context)


@require_POST
@object_permission_required("recruitment.manage_form", model=ApplicationForm, queryset=FORMS)
def form_copy(request, form):
    """A new version; the rounds using this one move to it (submitted answers keep theirs)."""
    try:
        copy, moved = services.form_copy(form=form)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("recruitment:form", form.pk)
    note = f" Rounds moved to it: {moved}." if moved else ""
    messages.success(request, f"Version {copy.version} created.{note}")
    return redirect("recruitment:form", copy.pk)


@object_permission_required("recruitment.manage_form", model=ApplicationForm, queryset=FORMS)
def question_add(request, form):
    question_form = QuestionForm(request.POST or None)
    if request.method == "POST" and question_form.is_valid():
        try:
            services.question_create(form=form, **question_form.question_fields)
        except ValidationError as error:
            show_errors(question_form, error)
        else:
            messages.success(request, "Question added")
            return redirect("recruitment:form", form.pk)
    return render(
        request,
        "recruitment/question_form.html",
        {"form_version": form, "form": question_form},
    )


@object_permission_required("recruitment.manage_form", model=Question, queryset=QUESTIONS)
def question_edit(request, question):
    question_form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and question_form.is_valid():
        try:
            services.question_update(question=question, **question_form.question_fields)
        except ValidationError as error:
            show_errors(question_form, error)
        else:
            messages.success(request, "Question saved")
            return redirect("recruitment:form", question.form_id)
    return render(
        request,
        "recruitment/question_form.html",
        {"form_version": question.form, "question": question, "form": question_form},
    )


@require_POST
@object_permission_required("recruitment.manage_form", model=Question, queryset=QUESTIONS)
def question_delete(request, question):
    try:
        services.question_delete(question=question)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Question deleted")
    return redirect("recruitment:form", question.form_id)


@require_POST
@object_permission_required("recruitment.manage_form", model=Question, queryset=QUESTIONS)
def question_move(request, question):
    try:
        services.question_move(question=question, up=request.POST.get("direction") == "up")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(
        f"{reverse('recruitment:form', args=[question.form_id])}#question-{question.pk}"
    )
