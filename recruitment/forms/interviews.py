"""Publishing interview slots, booking one, and the panel's score."""

from django import forms
from django.utils.formats import date_format

from core.clock import LONDON
from core.forms import DateField, TimeInput, today
from core.validators import single_line
from recruitment.models import InterviewSlot

LENGTHS = [(n, f"{n} minutes") for n in (20, 30, 45, 60, 90)]
SCORES = [(str(n), str(n)) for n in range(1, 6)]


def slot_label(slot: InterviewSlot) -> str:
    start, end = slot.starts_at.astimezone(LONDON), slot.ends_at.astimezone(LONDON)
    return f"{date_format(start, 'l j F Y')}, {start:%H:%M} to {end:%H:%M}, {slot.place}"


class InterviewSlotForm(forms.Form):
    day = DateField(label="Date", earliest=today, error_messages={"required": "Enter the date"})
    start = forms.TimeField(
        label="Start time",
        widget=TimeInput,
        help_text="UK time, for example 09:30.",
        error_messages={"required": "Enter a start time", "invalid": "Enter a time like 09:30"},
    )
    minutes = forms.TypedChoiceField(
        label="Length",
        choices=LENGTHS,
        coerce=int,
        initial=30,
        error_messages={"required": "Choose a length"},
    )
    place = forms.CharField(
        label="Place",
        max_length=200,
        validators=[single_line],
        help_text="A room, or say that the online link follows by email.",
        error_messages={"required": "Enter where the interview is"},
    )


class SlotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return slot_label(obj)


class InterviewBookingForm(forms.Form):
    slot = SlotChoiceField(
        label="Choose a time (UK time)",
        queryset=InterviewSlot.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Choose a time for your interview",
            "invalid_choice": "That time has just been taken. Choose another time.",
        },
    )

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots


class InterviewScoreForm(forms.Form):
    score = forms.TypedChoiceField(
        label="Your score, from 1 (weak) to 5 (excellent)",
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a score from 1 to 5"},
    )
    notes = forms.CharField(
        label="Your notes",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
