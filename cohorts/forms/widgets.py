"""Widgets the cohort forms share."""

from django import forms


class InlineRadioSelect(forms.RadioSelect):
    """Radios laid out in a row (rendered by templates/cohorts/includes/radios.html)."""

    inline = True
