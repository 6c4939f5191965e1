"""Filtering the adviser's board."""

from django import forms

from projects.models import Project, Rag
from projects.selectors.board import BOARD_FLAGS


class BoardFilterForm(forms.Form):
    rag = forms.ChoiceField(
        label="Latest RAG status",
        required=False,
        choices=[("", "Any"), *Rag.choices, ("none", "No entries yet")],
    )
    flag = forms.ChoiceField(
        label="Flag", required=False, choices=[("", "Any"), *BOARD_FLAGS.items()]
    )
    status = forms.ChoiceField(
        label="Project status", required=False, choices=[("", "Any"), *Project.Status.choices]
    )
