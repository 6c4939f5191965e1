"""A round's dates (in UK time), eligibility, places, review and form; its criteria."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Cohort
from core.clock import london_to_utc
from core.forms import DateField, TimeInput
from core.validators import single_line
from recruitment.models import ApplicationForm, Criterion, Round


class RoundForm(forms.Form):
    cohort = forms.ModelChoiceField(
        label="Cohort", queryset=Cohort.objects.none(), empty_label="Choose the cohort"
    )
    title = forms.CharField(max_length=200, validators=[single_line])
    opens_on = DateField(label="Opening date", help_text="In UK time.")
    opens_time = forms.TimeField(label="Opening time", widget=TimeInput)
    closes_on = DateField(label="Closing date", help_text="In UK time.")
    closes_time = forms.TimeField(label="Closing time", widget=TimeInput)
    eligibility = forms.CharField(
        label="Eligibility statement",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="Who may apply. Shown on the round's public page.",
    )
    places = forms.IntegerField(label="Number of places", min_value=1, max_value=1000)
    blind = forms.BooleanField(
        label="Blind review: reviewers do not see who the applicant is",
        required=False,
        initial=True,
    )
    form = forms.ModelChoiceField(
        label="Application form",
        queryset=ApplicationForm.objects.none(),
        required=False,
        empty_label="A new, empty form",
        help_text="Add its questions after saving the round.",
    )

    def __init__(self, *args, programme, round_: Round | None = None, **kwargs):
        if round_ is not None:
            opens, closes = (
                timezone.localtime(round_.opens_at),
                timezone.localtime(round_.closes_at),
            )
            kwargs.setdefault(
                "initial",
                {
                    "cohort": round_.cohort_id,
                    "title": round_.title,
                    "opens_on": opens.date(),
                    "opens_time": opens.time(),
                    "closes_on": closes.date(),
                    "closes_time": closes.time(),
                    "eligibility": round_.eligibility,
                    "places": round_.places,
                    "blind": round_.blind,
                    "form": round_.form_id,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = ApplicationForm.objects.filter(programme=programme)
        if round_ is not None:
            del self.fields["cohort"]
            self.fields["form"].required = True
            self.fields["form"].help_text = (
                "New applications answer this form; submitted ones keep the version they "
                "were made on."
            )
        else:
            self.fields["cohort"].queryset = programme.cohorts.order_by("-starts_on")

    def clean(self):
        data = super().clean()
        for prefix in ("opens", "closes"):
            day, time = data.get(f"{prefix}_on"), data.get(f"{prefix}_time")
            if day and time:
                try:
                    data[f"{prefix}_at"] = london_to_utc(day, time)
                except ValidationError as error:
                    self.add_error(f"{prefix}_time", error)
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_on", "The round must close after it opens")
        return data

    @property
    def round_fields(self) -> dict:
        data = self.cleaned_data
        names = ("title", "opens_at", "closes_at", "eligibility", "places", "blind", "form")
        return {name: data[name] for name in names}


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name", "description", "weight"]
        help_texts = {"weight": "From 1 to 10: how much this criterion counts in the ranking."}
