"""Bulk invitations: a pasted list or a CSV file, checked before anything is sent."""

import json

from django import forms
from django.core.exceptions import ValidationError

from accounts.models import Role
from cohorts.invitation_lists import MAX_UPLOAD_BYTES, decode, read_csv, read_pasted
from cohorts.services.invitations import BULK_ROLES


class BulkInvitationForm(forms.Form):
    emails = forms.CharField(
        label="Paste email addresses",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One on each line. ‘Ada Obi <ada.obi@nhs.net>’ keeps the name.",
    )
    csv_file = forms.FileField(
        label="Or upload a CSV file",
        required=False,
        help_text=(
            "The first line names the columns: email, and optionally name, role, "
            "organisation, job title and profession."
        ),
    )
    role = forms.ChoiceField(
        label="Invite them as",
        choices=[(role.value, role.label) for role in BULK_ROLES],
        initial=Role.FELLOW,
        widget=forms.RadioSelect,
        help_text="Lines of a CSV file with their own role keep it.",
    )
    # The checked list, carried from the preview to the confirmation.
    payload = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if not role:
            return data
        source, text = self._source(data)
        if source == "csv":
            self.lines = read_csv(text, role)
        else:
            self.lines = read_pasted(text, role)
        if not self.lines:
            raise ValidationError("There is nobody in the list.")
        self.payload_text = json.dumps({"source": source, "text": text})
        return data

    def _source(self, data) -> tuple[str, str]:
        if data.get("payload"):
            try:
                payload = json.loads(data["payload"])
                return payload["source"], str(payload["text"])
            except (ValueError, KeyError, TypeError) as error:
                raise ValidationError("The list could not be read; start again.") from error
        pasted, upload = data.get("emails", "").strip(), data.get("csv_file")
        if pasted and upload:
            raise ValidationError("Paste addresses or upload a file, not both.")
        if upload:
            if upload.size > MAX_UPLOAD_BYTES:
                raise ValidationError(
                    f"The file is larger than {MAX_UPLOAD_BYTES // 1024} KB. "
                    "Split it into smaller files."
                )
            return "csv", decode(upload.read())
        if pasted:
            return "paste", pasted
        raise ValidationError("Paste at least one email address, or choose a CSV file.")
