"""Taking attendance at a session."""

from django import forms

from cohorts.forms.widgets import InlineRadioSelect
from cohorts.models import Attendance


class AttendanceForm(forms.Form):
    """One row of radios for every fellow expected at the session.

    A fellow may be left unmarked: what was chosen is saved and the unmarked are
    named once (`missing`), so a long register is never lost to one gap.
    """

    def __init__(self, *args, fellows, recorded, everyone_present=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.names = {}
        for membership in fellows:
            name = membership.user.name or membership.user.email
            status = Attendance.Status.PRESENT if everyone_present else None
            self.fields[f"fellow_{membership.user_id}"] = forms.ChoiceField(
                label=name,
                choices=Attendance.Status.choices,
                widget=InlineRadioSelect,
                required=False,
                initial=status or recorded.get(membership.user_id),
            )
            self.names[membership.user_id] = name

    def clean(self):
        cleaned = super().clean()
        if self.names and not self.statuses:
            raise forms.ValidationError(
                "Choose present, apologies or absent for at least one fellow"
            )
        return cleaned

    @property
    def statuses(self) -> dict[int, str]:
        chosen = {pk: self.cleaned_data.get(f"fellow_{pk}") for pk in self.names}
        return {pk: status for pk, status in chosen.items() if status}

    @property
    def missing(self) -> list[str]:
        """Names of the fellows left unmarked, in the register's order."""
        return [
            name for pk, name in self.names.items() if not self.cleaned_data.get(f"fellow_{pk}")
        ]
