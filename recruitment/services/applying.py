"""Applying: starting an application, saving a draft, submitting it before the deadline.

The deadline is the server's: whatever the page showed, nothing is saved or submitted
outside the round's opening hours, and a submitted application never changes.
"""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import User
from core.db import refused_when_busy
from recruitment.models import Answer, Application, Question, Round
from recruitment.services.questions import form_freeze

Kind = Question.Kind
YES_NO = {"yes": "Yes", "no": "No"}
SHORT_MAX = 500
LONG_MAX = 50_000


def words_in(text: str) -> int:
    return len(re.findall(r"\S+", text))


def field_name(question: Question) -> str:
    return f"q_{question.pk}"


def when(instant) -> str:
    return date_format(timezone.localtime(instant), "j F Y \\a\\t H:i")


def round_is_open(round_: Round, now=None) -> bool:
    now = now or timezone.now()
    return round_.opens_at <= now < round_.closes_at


def check_open(round_: Round) -> None:
    now = timezone.now()
    if now < round_.opens_at:
        raise ValidationError(f"This round opens on {when(round_.opens_at)}.")
    if now >= round_.closes_at:
        raise ValidationError(
            f"This round closed on {when(round_.closes_at)}. Applications can no longer be "
            "started, changed or submitted."
        )


@refused_when_busy()
@transaction.atomic
def application_start(*, round_: Round, applicant: User) -> Application:
    """The person's application to the round: their existing one, or a new draft."""
    existing = Application.objects.filter(round=round_, applicant=applicant).first()
    if existing is not None:
        return existing
    check_open(round_)
    application = Application(round=round_, applicant=applicant)
    application.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:  # a second tab started it at the same moment
        return Application.objects.get(round=round_, applicant=applicant)
    return application


def _clean_answer(question: Question, value) -> tuple[str, list[str]]:
    """(text, chosen) to store, or a ValidationError about this question."""
    if question.kind in (Kind.SINGLE, Kind.MULTIPLE):
        chosen = [value] if isinstance(value, str) else list(value or [])
        chosen = [choice for choice in chosen if choice]
        if any(choice not in question.choices for choice in chosen):
            raise ValidationError("Choose from the options given.")
        if question.kind == Kind.SINGLE and len(chosen) > 1:
            raise ValidationError("Choose one option.")
        return "", chosen
    text = (value or "").strip()
    if question.kind == Kind.YES_NO and text and text not in YES_NO:
        raise ValidationError("Choose yes or no.")
    if question.kind == Kind.SHORT and len(text) > SHORT_MAX:
        raise ValidationError(f"Keep this answer to {SHORT_MAX} characters or fewer.")
    if question.kind == Kind.LONG:
        words = words_in(text)
        if question.word_limit and words > question.word_limit:
            raise ValidationError(
                f"Your answer is {words} words: keep it to {question.word_limit} words or fewer."
            )
        if len(text) > LONG_MAX:
            raise ValidationError("This answer is too long.")
    return text, []


@refused_when_busy()
@transaction.atomic
def application_save(
    *, application: Application, answers: dict, submit: bool = False
) -> Application:
    """Save the answers given (by question pk) and, if `submit`, submit the application.

    Refused as a whole, nothing saved, when the round is not open, the application was
    already submitted, an answer breaks its question's limits, or (on submitting) a
    required question is unanswered.
    """
    application = (
        Application.objects.select_for_update().select_related("round").get(pk=application.pk)
    )
    if application.status == Application.Status.SUBMITTED:
        raise ValidationError(
            f"You submitted this application on {when(application.submitted_at)}. "
            "It can no longer be changed."
        )
    round_ = application.round
    check_open(round_)
    questions = list(round_.form.questions.all())
    errors: dict[str, list] = {}
    cleaned = {}
    for question in questions:
        if question.pk not in answers:
            continue
        try:
            cleaned[question.pk] = _clean_answer(question, answers[question.pk])
        except ValidationError as error:
            errors[field_name(question)] = error.messages
    if errors:
        raise ValidationError(errors)
    stored = {answer.question_id: answer for answer in application.answers.all()}
    for question in questions:
        if question.pk not in cleaned:
            continue
        text, chosen = cleaned[question.pk]
        answer = stored.get(question.pk) or Answer(application=application, question=question)
        answer.text, answer.chosen = text, chosen
        answer.full_clean(validate_constraints=False)
        answer.save()
        stored[question.pk] = answer
    if submit:
        missing = {
            field_name(question): f"Answer “{question.text}”"
            for question in questions
            if question.required
            and not (
                stored.get(question.pk) and (stored[question.pk].text or stored[question.pk].chosen)
            )
        }
        if missing:
            raise ValidationError(missing)
        application.status = Application.Status.SUBMITTED
        application.submitted_at = timezone.now()
        application.save(update_fields=["status", "submitted_at", "updated"])
        form_freeze(form=round_.form)
    else:
        application.save(update_fields=["updated"])
    return application
