"""The adviser's decision on an application, and the ranking table's filters."""

from django import forms

from recruitment.models import Application, SupportRequest
from recruitment.selectors.ranking import SORT_LABELS
from recruitment.services.decisions import DECISIONS


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[(d.value, d.label) for d in DECISIONS],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a decision", "invalid_choice": "Choose a decision"},
    )
    reason = forms.CharField(
        label="Reason, for the record",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Give the reason for this decision, for the record",
            "max_length": "Keep the reason to 5,000 characters or fewer",
        },
    )


class RankingFilterForm(forms.Form):
    """Sort and filter the ranking; anything unrecognised falls back to the default."""

    sort = forms.ChoiceField(label="Sort by", choices=list(SORT_LABELS.items()), required=False)
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("", "Any"), ("none", "Not decided"), *[(d.value, d.label) for d in DECISIONS]],
        required=False,
    )
    support = forms.ChoiceField(
        label="Line manager's support",
        choices=[("", "Any"), *SupportRequest.Status.choices, ("none", "Not requested")],
        required=False,
    )
    flagged = forms.BooleanField(label="Only applications flagged for spread", required=False)

    def options(self) -> dict:
        if not self.is_valid():
            return {"sort": "score"}
        data = self.cleaned_data
        decision = data.get("decision") or None
        if decision == "none":
            decision = Application.Decision.NONE.value
        return {
            "sort": data.get("sort") or "score",
            "decision": decision,
            "support": data.get("support") or None,
            "flagged": bool(data.get("flagged")),
        }
