"""The cohort form."""

from django import forms
from django.core.exceptions import ValidationError

from accounts.models import Cohort
from core.forms import DateField
from core.validators import single_line


class CohortForm(forms.Form):
    name = forms.CharField(
        max_length=200, help_text="For example, Cohort 3 (2027-28).", validators=[single_line]
    )
    starts_on = DateField(label="Start date")
    ends_on = DateField(label="End date")
    status = forms.ChoiceField(choices=Cohort.Status.choices, widget=forms.RadioSelect)

    def __init__(self, *args, programme, cohort=None, **kwargs):
        if cohort is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": cohort.name,
                    "starts_on": cohort.starts_on,
                    "ends_on": cohort.ends_on,
                    "status": cohort.status,
                },
            )
        else:
            kwargs.setdefault("initial", {"status": Cohort.Status.RECRUITING})
        super().__init__(*args, **kwargs)
        self.programme, self.cohort = programme, cohort

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = self.programme.cohorts.filter(name__iexact=name)
        if self.cohort is not None:
            others = others.exclude(pk=self.cohort.pk)
        if others.exists():
            raise ValidationError(f"{self.programme.name} already has a cohort called {name}")
        return name

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on <= starts_on:
            self.add_error("ends_on", "The end date must be after the start date")
        return data
