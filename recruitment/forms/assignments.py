"""Choosing a reviewer for an application by hand."""

from django import forms

from accounts.models import User


class AssignForm(forms.Form):
    reviewer = forms.ModelChoiceField(
        label="Reviewer",
        queryset=User.objects.none(),
        empty_label="Choose a reviewer",
        error_messages={
            "required": "Choose a reviewer",
            "invalid_choice": "Choose one of the round's reviewers",
        },
    )

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers
        self.fields["reviewer"].label_from_instance = lambda user: user.name or user.email
