"""The programme trail's filters, read from the query string."""

import datetime

from django import forms
from django.conf import settings

from audit.models import Action, kind_of
from audit.selectors import Filters
from core.clock import london_to_utc
from core.forms import DateField


def _object_types() -> list[tuple[str, str]]:
    types = [(label.lower(), kind_of(label)) for label in settings.AUDIT_MODELS]
    return [("", "Any"), ("download", "Download"), *sorted(types, key=lambda pair: pair[1])]


class TrailFilterForm(forms.Form):
    person = forms.CharField(
        label="Person",
        help_text="Part of a name or email address: who did it, or whom it was about",
        required=False,
        max_length=100,
    )
    object_type = forms.ChoiceField(label="What", required=False)
    action = forms.ChoiceField(
        label="Action", required=False, choices=[("", "Any"), *Action.choices]
    )
    since = DateField(label="From", required=False)
    until = DateField(label="To", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = _object_types()

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", "The end date must be on or after the start date")
        return cleaned

    def filters(self) -> Filters:
        """What to show: the valid filters only, so a mistyped one never hides the rest."""
        self.is_valid()  # cleaned_data then holds the fields that are valid
        data = self.cleaned_data
        since, until = data.get("since"), data.get("until")
        return Filters(
            person=(data.get("person") or "").strip(),
            object_type=data.get("object_type") or "",
            action=data.get("action") or "",
            since=london_to_utc(since, datetime.time()) if since else None,
            before=(
                london_to_utc(until + datetime.timedelta(days=1), datetime.time())
                if until
                else None
            ),
        )
