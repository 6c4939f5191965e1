"""Equality monitoring: every question optional, each with "prefer not to say"."""

from django import forms

from recruitment.selectors.equality import QUESTIONS


class EqualityForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, question, options in QUESTIONS:
            self.fields[name] = forms.ChoiceField(
                label=f"{question} (optional)",
                choices=options,
                required=False,
                widget=forms.RadioSelect,
            )
