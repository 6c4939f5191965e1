from django import forms

from accounts.models import Programme, User
from privacy.selectors import belongs_elsewhere, erasable_people


class RetentionForm(forms.Form):
    retention_years = forms.IntegerField(
        label="Keep personal data for this many years after a person's last cohort ends",
        min_value=1,
        max_value=50,
        help_text="From 1 to 50 years. NHS guidance for education records is usually 6.",
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-4", "inputmode": "numeric"}),
    )


class ErasureRequestForm(forms.Form):
    person = forms.ModelChoiceField(
        label="Person to erase",
        queryset=User.objects.none(),
        empty_label="Choose a person",
    )
    understood = forms.BooleanField(
        label="I understand their name, email address and everything they wrote will be "
        "removed for good, and their account closed",
        error_messages={"required": "Confirm that you understand erasure cannot be undone"},
    )

    def __init__(self, *args, programme: Programme, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme, self.by = programme, by
        self.fields["person"].queryset = erasable_people(programme).exclude(pk=by.pk)
        self.fields["person"].label_from_instance = lambda user: f"{user.name} ({user.email})"

    def clean_person(self):
        person = self.cleaned_data["person"]
        if not self.by.is_superuser and belongs_elsewhere(person, self.programme):
            raise forms.ValidationError(
                f"{person.name} also belongs to another programme. Ask a Pioneer "
                "administrator to erase them."
            )
        return person
