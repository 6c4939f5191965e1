"""Scoring an application, and declaring a conflict of interest."""

from django import forms

from core.validators import single_line
from recruitment.models import Criterion
from recruitment.services.reviews import Mark

SCORES = [(n, str(n)) for n in range(1, 6)]
SCORE_HINT = "1 is weak, 5 is outstanding."


class ReviewForm(forms.Form):
    """A score from 1 to 5 and a comment per criterion. A draft may leave scores blank;
    submitting needs them all."""

    def __init__(self, *args, criteria: list[Criterion], scores=None, **kwargs):
        scores = scores or {}
        initial = {}
        for criterion_id, score in scores.items():
            initial[f"score_{criterion_id}"] = score.score
            initial[f"comment_{criterion_id}"] = score.comment
        super().__init__(*args, initial=initial, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            hint = f"{criterion.description} {SCORE_HINT}".strip()
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=f"{criterion.name} (weight {criterion.weight})",
                choices=SCORES,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                help_text=hint,
                error_messages={
                    "invalid_choice": f"Choose a score from 1 to 5 for {criterion.name}"
                },
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=f"Comment on {criterion.name}",
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    @property
    def submitting(self) -> bool:
        return "submit" in self.data

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            for criterion in self.criteria:
                name = f"score_{criterion.pk}"
                if name not in self.errors and cleaned.get(name) in (None, ""):
                    self.add_error(name, f"Score {criterion.name} before submitting")
        return cleaned

    def pairs(self):
        """(score field, comment field) per criterion, for the template."""
        return [
            (self[f"score_{criterion.pk}"], self[f"comment_{criterion.pk}"])
            for criterion in self.criteria
        ]

    @property
    def marks(self) -> dict[int, Mark]:
        marks = {}
        for criterion in self.criteria:
            score = self.cleaned_data.get(f"score_{criterion.pk}")
            marks[criterion.pk] = Mark(
                score if score not in ("", None) else None,
                self.cleaned_data.get(f"comment_{criterion.pk}", ""),
            )
        return marks


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label="Why do you have a conflict of interest?",
        help_text="For example: I manage the applicant, or we work in the same team.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say briefly why you have a conflict of interest"},
    )


class OrganisationConflictForm(forms.Form):
    organisation = forms.CharField(
        label="Organisation",
        max_length=200,
        validators=[single_line],
        error_messages={"required": "Enter the organisation you have a conflict with"},
    )
    reason = forms.CharField(
        label="Why?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say briefly why you have a conflict of interest"},
    )
