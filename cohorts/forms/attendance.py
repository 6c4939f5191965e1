"""Taking attendance at a session."""

from django import forms

from cohorts.forms.widgets import InlineRadioSelect
from cohorts.models import Attendance


class AttendanceForm(forms.Form):
    """One row of radios for every fellow expected at the session."""

    def __init__(self, *args, fellows, recorded, **kwargs):
        super().__init__(*args, **kwargs)
        self.fellow_ids = []
        for membership in fellows:
            name = membership.user.name or membership.user.email
            self.fields[f"fellow_{membership.user_id}"] = forms.ChoiceField(
                label=name,
                choices=Attendance.Status.choices,
                widget=InlineRadioSelect,
                initial=recorded.get(membership.user_id),
                error_messages={"required": f"Choose present, apologies or absent for {name}"},
            )
            self.fellow_ids.append(membership.user_id)

    @property
    def statuses(self) -> dict[int, str]:
        return {pk: self.cleaned_data[f"fellow_{pk}"] for pk in self.fellow_ids}
