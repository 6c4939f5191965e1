"""Forms parse input only; the services decide what may be saved."""

import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from accounts.models import Cohort
from core.forms import DateField
from core.validators import single_line
from evaluation.evidence import MEASURES
from evaluation.models import LOOKING_BACK_MAX, LOOKING_BACK_MIN, Framework, Indicator, Wave

AGREEMENT = {
    1: "Strongly disagree",
    2: "Disagree",
    3: "Neither agree nor disagree",
    4: "Agree",
    5: "Strongly agree",
}
RATING = {1: "Very limited", 2: "Limited", 3: "Developing", 4: "Strong", 5: "Excellent"}
LOOKING_BACK = {1: "Not at all", 2: "A little", 3: "Somewhat", 4: "Quite", 5: "Very"}


def scale_field(label: str, low: int, high: int, words: dict[int, str]) -> forms.TypedChoiceField:
    choices = [(n, f"{n} – {words[n]}" if n in words else str(n)) for n in range(low, high + 1)]
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": f"Choose a number from {low} to {high} for “{label}”."},
    )


class AnswerForm(forms.Form):
    """One optional 1 to 5 question per statement; at the end wave, a "looking back" per
    domain and, for statements flagged `asks_then`, the statement as it was before."""

    def __init__(self, *args, domains, wave: Wave, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = []
        for domain in domains:
            names = []
            for indicator in domain.indicators.all():
                if indicator.kind != Indicator.Kind.SELF_ASSESSMENT:
                    continue
                name = f"item_{indicator.pk}"
                self.fields[name] = scale_field(
                    indicator.statement, indicator.scale_min, indicator.scale_max, AGREEMENT
                )
                names.append(name)
                if wave.asks_looking_back and indicator.asks_then:
                    then = f"then_{indicator.pk}"
                    self.fields[then] = scale_field(
                        f"Looking back, before the fellowship: {indicator.statement}",
                        indicator.scale_min,
                        indicator.scale_max,
                        AGREEMENT,
                    )
                    names.append(then)
            looking_back = None
            if wave.asks_looking_back:
                looking_back = f"start_{domain.pk}"
                self.fields[looking_back] = scale_field(
                    f"Looking back, how {domain.name.lower()} were you at the start of the "
                    "fellowship?",
                    LOOKING_BACK_MIN,
                    LOOKING_BACK_MAX,
                    LOOKING_BACK,
                )
            self.sections.append((domain, names, looking_back))

    def section_fields(self):
        """(domain, bound statement fields, bound looking-back field or None) for the template."""
        for domain, names, looking_back in self.sections:
            yield (
                domain,
                [self[name] for name in names],
                self[looking_back] if looking_back else None,
            )

    def answers(self) -> dict[int, int | None]:
        return {
            int(name.removeprefix("item_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("item_")
        }

    def then_answers(self) -> dict[int, int | None]:
        return {
            int(name.removeprefix("then_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("then_")
        }

    def looking_back(self) -> dict[int, int | None]:
        return {
            int(name.removeprefix("start_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("start_")
        }


class RatingForm(forms.Form):
    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        for indicator in indicators:
            self.fields[f"rating_{indicator.pk}"] = scale_field(
                f"{indicator.domain.name}: {indicator.statement}",
                indicator.scale_min,
                indicator.scale_max,
                RATING,
            )

    def ratings(self) -> dict[int, int | None]:
        return {int(name.removeprefix("rating_")): v for name, v in self.cleaned_data.items()}


# A wave falls between a year before its cohort starts and two years after it ends
# (a follow-up comes months after the showcase).
WAVE_WINDOW_BEFORE = datetime.timedelta(days=365)
WAVE_WINDOW_AFTER = datetime.timedelta(days=2 * 365)


class WaveDatesForm(forms.Form):
    opens_on = DateField(label="Opens on")
    closes_on = DateField(
        label="Closes on", help_text="Fellows can answer until the end of this day."
    )

    def __init__(self, *args, cohort: Cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort = cohort
        earliest = cohort.starts_on - WAVE_WINDOW_BEFORE
        latest = cohort.ends_on + WAVE_WINDOW_AFTER
        for name in ("opens_on", "closes_on"):
            field = self.fields[name]
            field.earliest, field.latest = earliest, latest
            field.error_messages["too_early"] = field.error_messages["too_late"] = (
                "Choose a date between %(earliest)s and %(latest)s, from a year before "
                f"{cohort.name} starts to two years after it ends"
            )

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", "The closing date must be on or after the opening date.")
        return data


class WaveForm(WaveDatesForm):
    kind = forms.ChoiceField(label="Wave", choices=Wave.Kind.choices)
    framework = forms.ModelChoiceField(label="Framework", queryset=Framework.objects.none())
    field_order = ["kind", "framework", "opens_on", "closes_on"]

    def __init__(self, *args, cohort: Cohort, frameworks, **kwargs):
        super().__init__(*args, cohort=cohort, **kwargs)
        self.fields["framework"].queryset = frameworks
        self.fields["framework"].empty_label = None

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        if Wave.objects.filter(cohort=self.cohort, kind=kind).exists():
            raise ValidationError(
                f"{self.cohort.name} already has a {Wave.Kind(kind).label.lower()} wave."
            )
        return kind


class FrameworkCopyForm(forms.Form):
    name = forms.CharField(label="Name of the copy", max_length=200, validators=[single_line])
    programme = forms.ModelChoiceField(label="Programme", queryset=None, empty_label=None)

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes


class IndicatorForm(forms.Form):
    statement = forms.CharField(
        label="Statement", max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
    weight = forms.DecimalField(
        label="Weight",
        min_value=Decimal(0),
        max_value=Decimal("99.99"),
        decimal_places=2,
        help_text="How much this item counts in the domain score, relative to the others.",
    )
    asks_then = forms.BooleanField(
        label="Also ask it looking back at the end wave",
        required=False,
        help_text="Self-assessment statements only: fellows also say how far they agreed "
        "before the fellowship, so the report can show change free of response shift.",
    )


class NewIndicatorForm(IndicatorForm):
    kind = forms.ChoiceField(
        label="Source",
        choices=Indicator.Kind.choices,
        widget=forms.RadioSelect,
        initial=Indicator.Kind.SELF_ASSESSMENT,
    )
    derived_key = forms.ChoiceField(
        label="Measure from Pioneer's records",
        required=False,
        help_text="Only for items from Pioneer's records.",
    )
    field_order = ["statement", "kind", "derived_key", "weight", "asks_then"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["derived_key"].choices = [("", "None")] + [
            (key, measure.name) for key, measure in MEASURES.items()
        ]

    def clean(self):
        data = super().clean()
        if data.get("kind") == Indicator.Kind.DERIVED and not data.get("derived_key"):
            self.add_error("derived_key", "Choose the measure this item comes from.")
        return data


class CompareForm(forms.Form):
    compare = forms.ModelChoiceField(
        label="Compare with another cohort",
        queryset=Cohort.objects.none(),
        required=False,
        empty_label="Choose a cohort",
        error_messages={"invalid_choice": "Choose a cohort from the list."},
    )

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["compare"].queryset = cohorts
