"""The applicant's form: one field per question of the round's form. Every field is
optional here, so a draft can be saved half done; the service checks required answers
and word limits when saving and submitting."""

from django import forms

from core.validators import single_line
from recruitment.models import Question
from recruitment.services.applying import LONG_MAX, SHORT_MAX, YES_NO, field_name

Kind = Question.Kind


def _field(question: Question) -> forms.Field:
    label = question.text if question.required else f"{question.text} (optional)"
    common = {"label": label, "help_text": question.help_text, "required": False}
    options = [(choice, choice) for choice in question.choices]
    if question.kind == Kind.SHORT:
        return forms.CharField(max_length=SHORT_MAX, validators=[single_line], **common)
    if question.kind == Kind.LONG:
        limit = question.word_limit
        if limit:
            common["help_text"] = " ".join(
                filter(None, [question.help_text, f"Up to {limit} words."])
            )
        attrs = {"rows": 8, "data-word-limit": limit or ""}
        return forms.CharField(max_length=LONG_MAX, widget=forms.Textarea(attrs=attrs), **common)
    if question.kind == Kind.SINGLE:
        return forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
    if question.kind == Kind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=options, widget=forms.CheckboxSelectMultiple, **common
        )
    return forms.ChoiceField(choices=list(YES_NO.items()), widget=forms.RadioSelect, **common)


def _initial(question: Question, answer):
    if question.kind == Kind.MULTIPLE:
        return answer.chosen
    if question.kind == Kind.SINGLE:
        return answer.chosen[0] if answer.chosen else ""
    return answer.text


class ApplicationAnswersForm(forms.Form):
    def __init__(self, *args, questions: list[tuple[Question, object]], **kwargs):
        initial = {
            field_name(question): _initial(question, answer)
            for question, answer in questions
            if answer is not None
        }
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.questions = [question for question, _ in questions]
        for question in self.questions:
            self.fields[field_name(question)] = _field(question)

    @property
    def answers(self) -> dict:
        """{question pk: value} for the service."""
        return {
            question.pk: self.cleaned_data.get(field_name(question)) for question in self.questions
        }
