"""The showcase's running order and its timing."""

import datetime

from django import forms

from core.forms import TimeInput
from projects.models import SLOT_MINUTES


class ShowcaseOrderForm(forms.Form):
    """When the first fellow starts and how long each has, then a position box for every
    project of the cohort; blank means not presenting."""

    starts_at = forms.TimeField(
        label="Start time",
        help_text="When the first fellow starts presenting, for example 10:00.",
        widget=TimeInput,
        error_messages={
            "required": "Enter the time the first fellow starts",
            "invalid": "Enter a start time such as 10:00",
        },
    )
    slot_minutes = forms.IntegerField(
        label="Slot length in minutes",
        help_text="How long each fellow has, questions included.",
        min_value=SLOT_MINUTES[0],
        max_value=SLOT_MINUTES[1],
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-3"}),
        error_messages={
            "required": "Enter how many minutes each fellow has",
            "invalid": "Enter the slot length as a whole number of minutes",
            "min_value": f"Enter a slot length of {SLOT_MINUTES[0]} minutes or more",
            "max_value": f"Enter a slot length of {SLOT_MINUTES[1]} minutes or less",
        },
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.projects = list(projects)
        for project in self.projects:
            place = getattr(project, "showcase_place", None)
            self.fields[f"position_{project.pk}"] = forms.IntegerField(
                label=f"{project.fellow.name}: {project.title}",
                required=False,
                min_value=1,
                max_value=len(self.projects),
                initial=place.position if place else None,
                widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
                error_messages={
                    "invalid": "Enter a whole number",
                    "min_value": "Enter a position of 1 or more",
                    "max_value": f"Enter a position of {len(self.projects)} or less",
                },
            )

    def clean(self):
        data = super().clean()
        seen: dict[int, str] = {}
        for project in self.projects:
            name = f"position_{project.pk}"
            position = data.get(name)
            if position is None:
                continue
            if position in seen:
                self.add_error(name, f"Position {position} is already given to {seen[position]}")
            else:
                seen[position] = project.fellow.name
        start, minutes = data.get("starts_at"), data.get("slot_minutes")
        if start and minutes and not self.errors:
            first = datetime.datetime.combine(datetime.date(2000, 1, 1), start)
            end = first + datetime.timedelta(minutes=minutes * len(seen))
            if end > datetime.datetime.combine(datetime.date(2000, 1, 2), datetime.time(0)):
                self.add_error(
                    "slot_minutes",
                    "The running order would end after midnight: "
                    "start earlier or shorten the slots",
                )
        return data

    def ordered_project_ids(self) -> list[int]:
        """Project ids by their position (gaps close up: 1, 3, 4 become 1, 2, 3)."""
        chosen = [
            (self.cleaned_data[f"position_{project.pk}"], project.pk)
            for project in self.projects
            if self.cleaned_data.get(f"position_{project.pk}") is not None
        ]
        return [pk for _, pk in sorted(chosen)]
