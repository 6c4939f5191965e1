"""Naming the line manager, and the manager's answer by link."""

from django import forms

from core.validators import single_line
from recruitment.services.support import STATEMENT_MAX


class SupportRequestForm(forms.Form):
    manager_name = forms.CharField(
        label="Your line manager's name", max_length=150, validators=[single_line]
    )
    manager_email = forms.EmailField(
        label="Your line manager's email address",
        help_text="We will email them a link to confirm their support and your protected time.",
    )


class SupportResponseForm(forms.Form):
    decision = forms.ChoiceField(
        label="Do you support this application?",
        choices=[("confirm", "Yes, I support it"), ("decline", "No, I do not support it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you support this application"},
    )
    protected_time = forms.BooleanField(
        label="I confirm they will have protected time to take part in the fellowship",
        required=False,
    )
    statement = forms.CharField(
        label="Statement",
        required=False,
        max_length=STATEMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="A few sentences on why you support them (needed if you support it).",
    )
