"""Forms only parse input; the rules are checked by the services."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format

from cohorts.models import Theme
from core.forms import DateField, TimeInput, days_from_today, today
from core.validators import single_line
from mentoring.models import Booking, MentoringRules
from mentoring.services.slots import DAYS_AHEAD

LENGTHS = [15, 20, 30, 45, 60, 90, 120]
WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]


def slot_date(label: str, required_message: str) -> DateField:
    """A slot's date: from today to as far ahead as slots may be published."""
    return DateField(
        label=label,
        earliest=today,
        latest=days_from_today(DAYS_AHEAD),
        error_messages={
            "required": required_message,
            "invalid": "Enter a real date",
            "too_early": "The date cannot be in the past",
            "too_late": "Slots can be published up to a year ahead: choose a date on or "
            "before %(latest)s",
        },
    )


class DirectoryFilterForm(forms.Form):
    expertise = forms.ModelChoiceField(
        label="Expertise", queryset=Theme.objects.none(), required=False, empty_label="Any"
    )
    free_soon = forms.BooleanField(label="Has free slots in the next 2 weeks", required=False)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expertise"].queryset = Theme.objects.filter(programme=programme)


class BookingForm(forms.Form):
    agenda = forms.CharField(
        label="What would you like help with?",
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Your mentor reads this before the session. A few sentences is plenty.",
        error_messages={"required": "Say what you would like help with"},
    )


def slot_label(slot) -> str:
    """Tuesday 3 March 2026, 10:00 to 10:30 (UK time)."""
    start, end = timezone.localtime(slot.starts_at), timezone.localtime(slot.ends_at)
    return f"{date_format(start, 'l j F Y')}, {start:%H:%M} to {end:%H:%M}"


class RescheduleForm(forms.Form):
    slot = forms.TypedChoiceField(
        label="Choose a new time",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a new time", "invalid_choice": "Choose a new time"},
    )

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.slots = {slot.pk: slot for slot in slots}
        self.fields["slot"].choices = [(slot.pk, slot_label(slot)) for slot in slots]


def length_choices(rules: MentoringRules) -> list[tuple[int, str]]:
    lengths = [n for n in LENGTHS if rules.min_slot_minutes <= n <= rules.max_slot_minutes]
    return [(n, f"{n} minutes") for n in lengths]


class _SlotFields(forms.Form):
    start = forms.TimeField(
        label="Start time",
        widget=TimeInput,
        help_text="UK time, for example 09:30.",
        error_messages={"required": "Enter a start time", "invalid": "Enter a time like 09:30"},
    )
    minutes = forms.TypedChoiceField(
        label="Length", coerce=int, error_messages={"required": "Choose a length"}
    )
    location = forms.CharField(
        label="Place",
        max_length=200,
        required=False,
        help_text="For example a building and room.",
        validators=[single_line],
    )
    online_link = forms.URLField(
        label="Online meeting link",
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text="A Teams or Zoom link. Give a place, a link or both.",
    )

    def __init__(self, *args, rules: MentoringRules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minutes"].choices = length_choices(rules)

    def clean(self):
        data = super().clean()
        no_place = not data.get("location", "").strip() and not data.get("online_link")
        if no_place and "online_link" not in self.errors:
            self.add_error("location", "Give a place or an online meeting link")
        return data


class SlotForm(_SlotFields):
    day = slot_date("Date", "Enter a date")
    field_order = ["day", "start", "minutes", "location", "online_link"]


class WeeklySlotsForm(_SlotFields):
    first_day = slot_date("From", "Enter the first date")
    last_day = slot_date("Until", "Enter the last date")
    weekdays = forms.TypedMultipleChoiceField(
        label="On these days",
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one day"},
    )
    in_a_row = forms.IntegerField(
        label="Slots in a row",
        min_value=1,
        max_value=8,
        initial=1,
        help_text="For example 3 gives three back-to-back slots from the start time.",
        error_messages={"required": "Enter how many slots in a row"},
    )
    field_order = [
        "first_day",
        "last_day",
        "weekdays",
        "start",
        "minutes",
        "in_a_row",
        "location",
        "online_link",
    ]


class ProfileForm(forms.Form):
    job_title = forms.CharField(
        label="Job title", max_length=200, required=False, validators=[single_line]
    )
    organisation = forms.CharField(max_length=200, required=False, validators=[single_line])
    bio = forms.CharField(
        label="About you",
        max_length=1500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="A few sentences: your background and what fellows can ask you about.",
    )
    expertise = forms.ModelMultipleChoiceField(
        label="Your expertise",
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    monthly_limit = forms.IntegerField(
        label="Sessions a month",
        min_value=1,
        max_value=40,
        help_text="The most sessions fellows can book with you in one calendar month.",
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expertise"].queryset = Theme.objects.filter(programme=programme)


class OutcomeForm(forms.Form):
    status = forms.ChoiceField(
        label="What happened?",
        choices=[
            (Booking.Status.HELD, "The session was held"),
            (Booking.Status.NO_SHOW, "The fellow did not attend"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happened"},
    )
    note = forms.CharField(
        label="Note",
        max_length=1500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only you and the programme's advisers see this.",
    )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="How useful was the session?",
        coerce=int,
        choices=[
            (5, "5 – very useful"),
            (4, "4"),
            (3, "3"),
            (2, "2"),
            (1, "1 – not useful"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a rating from 1 to 5"},
    )
    takeaway = forms.CharField(
        label="What did you take from it?",
        max_length=1500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    share_with_mentor = forms.BooleanField(
        label="Share my rating and what I took from it with my mentor",
        required=False,
        help_text="If you leave this unticked, your mentor sees only their average rating.",
    )


class RulesForm(forms.ModelForm):
    class Meta:
        model = MentoringRules
        fields = [
            "min_notice_hours",
            "cancellation_cutoff_hours",
            "max_active_bookings",
            "default_monthly_limit",
            "min_slot_minutes",
            "max_slot_minutes",
        ]


class UptakeFilterForm(forms.Form):
    cohort = forms.ModelChoiceField(
        label="Cohort", queryset=None, required=False, empty_label="All cohorts"
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = programme.cohorts.order_by("-starts_on")
