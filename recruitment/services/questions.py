"""Application forms and their questions. A form that has a submitted application on it is
frozen: it is never changed again, so every application keeps the questions it answered.
Changing it means copying it to a new version, as evaluation frameworks do."""

import copy

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from audit import services as audit
from audit.models import Action
from core.changes import record
from recruitment.changes import rounds_places
from recruitment.models import ApplicationForm, Question, Round

FROZEN = (
    "Applications have been submitted on this version of the form, so it can no longer "
    "change. Copy it to a new version to make changes."
)
Kind = Question.Kind


def form_freeze(*, form: ApplicationForm) -> None:
    """An application was submitted on this version: from now on it never changes."""
    # One UPDATE (racing submissions freeze once) sends no signal: the trail and the
    # rounds' stamps are written here.
    if ApplicationForm.objects.filter(pk=form.pk, frozen=False).update(frozen=True):
        before = copy.copy(form)
        before.frozen = False
        form.frozen = True
        audit.changes_record(action=Action.UPDATE, pairs=[(before, form)])
        record(rounds_places(Round.objects.filter(form_id=form.pk)))
    form.frozen = True


def _editable(form: ApplicationForm) -> ApplicationForm:
    locked = ApplicationForm.objects.select_for_update().get(pk=form.pk)
    if locked.frozen:
        raise ValidationError(FROZEN)
    return locked


@transaction.atomic
def form_copy(*, form: ApplicationForm) -> tuple[ApplicationForm, int]:
    """A new version of the form with the same questions. The rounds using this version move
    to it, so new applications answer the new version while submitted ones keep theirs.
    Returns the copy and how many rounds moved."""
    latest = ApplicationForm.objects.filter(
        programme_id=form.programme_id, name=form.name
    ).aggregate(Max("version"))["version__max"]
    copy = ApplicationForm(
        programme_id=form.programme_id, name=form.name, version=latest + 1, parent=form
    )
    copy.full_clean()
    copy.save()
    Question.objects.bulk_create(
        Question(
            form=copy,
            order=question.order,
            kind=question.kind,
            text=question.text,
            help_text=question.help_text,
            required=question.required,
            word_limit=question.word_limit,
            choices=question.choices,
            hidden_from_reviewers=question.hidden_from_reviewers,
        )
        for question in form.questions.all()
    )
    # One save per round (a few), so the audit trail records each move.
    rounds = list(Round.objects.filter(form=form))
    for round_ in rounds:
        round_.form = copy
        round_.save(update_fields=["form"])
    return copy, len(rounds)


def _clean_choices(kind: str, choices: list[str]) -> list[str]:
    choices = [choice.strip() for choice in choices if choice.strip()]
    if kind not in (Kind.SINGLE, Kind.MULTIPLE):
        return []
    if len(choices) < 2:
        raise ValidationError({"choices": "Give at least two choices, one on each line."})
    if len({choice.lower() for choice in choices}) != len(choices):
        raise ValidationError({"choices": "Each choice must be different."})
    if any(len(choice) > 200 for choice in choices):
        raise ValidationError({"choices": "Each choice must be 200 characters or fewer."})
    return choices


def _fill(question: Question, fields: dict) -> Question:
    kind = fields["kind"]
    question.kind = kind
    question.text = fields["text"].strip()
    question.help_text = fields.get("help_text", "").strip()
    question.required = fields.get("required", False)
    question.hidden_from_reviewers = fields.get("hidden_from_reviewers", False)
    question.word_limit = fields.get("word_limit") if kind == Kind.LONG else None
    question.choices = _clean_choices(kind, fields.get("choices") or [])
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_create(*, form: ApplicationForm, **fields) -> Question:
    form = _editable(form)
    order = (form.questions.aggregate(Max("order"))["order__max"] or 0) + 1
    return _fill(Question(form=form, order=order), fields)


@transaction.atomic
def question_update(*, question: Question, **fields) -> Question:
    _editable(question.form)
    return _fill(question, fields)


@transaction.atomic
def question_delete(*, question: Question) -> None:
    _editable(question.form)
    if question.answers.exists():
        # Only drafts can have answered it (a submission freezes the form); nobody's writing
        # is deleted behind their back.
        raise ValidationError(
            "Applicants have answered this question in their drafts, so it cannot be deleted. "
            "Make it optional instead."
        )
    question.delete()


@transaction.atomic
def question_move(*, question: Question, up: bool) -> None:
    """Swap the question with the one before (or after) it on the form."""
    form = _editable(question.form)
    ordered = list(form.questions.order_by("order", "pk"))
    at = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    to = at - 1 if up else at + 1
    if not 0 <= to < len(ordered):
        return
    ordered[at], ordered[to] = ordered[to], ordered[at]
    for position, item in enumerate(ordered, start=1):
        if item.order != position:
            item.order = position
            item.save(update_fields=["order"])
