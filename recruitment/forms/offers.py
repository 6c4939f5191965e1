"""Sending offers, the round's email wording, and an unsuccessful applicant's feedback."""

import datetime

from django import forms
from django.utils import timezone

from core.forms import DateField, days_from_today
from core.validators import single_line

ANSWER_DAYS = 14


def _default_deadline() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=ANSWER_DAYS)


class RespondByForm(forms.Form):
    respond_by = DateField(
        label="Applicants answer by the end of",
        earliest=days_from_today(1),
        latest=days_from_today(90),
        initial=_default_deadline,
        help_text="After 23:59 UK time that day an unanswered offer lapses.",
        error_messages={"required": "Enter the date to answer by"},
    )


class EmailTemplateForm(forms.Form):
    subject = forms.CharField(
        max_length=200, validators=[single_line], error_messages={"required": "Enter a subject"}
    )
    body = forms.CharField(
        label="Message",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": "Enter the message"},
    )


class FeedbackForm(forms.Form):
    feedback = forms.CharField(
        label="Feedback to include",
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Only what the panel agreed to share. Leave it empty to send no feedback.",
    )
