"""A session of the timetable, or a learning set's meeting."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from cohorts.models import LearningSet, Session
from core.clock import london_to_utc
from core.forms import DateField, TimeInput
from core.validators import single_line


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label="Type of session", choices=Session.Kind.choices)
    learning_set = forms.ModelChoiceField(
        label="Learning set",
        queryset=LearningSet.objects.none(),
        required=False,
        help_text="Only for learning set meetings.",
    )
    title = forms.CharField(max_length=200, validators=[single_line])
    date = DateField(help_text="In UK time.")
    start_time = forms.TimeField(label="Start time", widget=TimeInput)
    end_time = forms.TimeField(label="End time", widget=TimeInput)
    location = forms.CharField(
        max_length=200,
        required=False,
        help_text="For example, the venue and room.",
        validators=[single_line],
    )
    online_link = forms.URLField(
        label="Online link",
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text="For example, a Microsoft Teams meeting link.",
    )
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, cohort, learning_set=None, session=None, **kwargs):
        if session is not None:
            start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
            kwargs.setdefault(
                "initial",
                {
                    "kind": session.kind,
                    "learning_set": session.learning_set_id,
                    "title": session.title,
                    "date": start.date(),
                    "start_time": start.time(),
                    "end_time": end.time(),
                    "location": session.location,
                    "online_link": session.online_link,
                    "description": session.description,
                },
            )
        elif learning_set is not None:
            kwargs.setdefault("initial", {"title": f"{learning_set.name} learning set meeting"})
        super().__init__(*args, **kwargs)
        self.cohort, self.fixed_set = cohort, learning_set
        if learning_set is not None:
            # A set's own meeting: the kind and the set are given.
            del self.fields["kind"], self.fields["learning_set"]
        else:
            self.fields["learning_set"].queryset = cohort.learning_sets.order_by("name")

    def clean(self):
        data = super().clean()
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            if end <= start:
                self.add_error("end_time", "The end time must be after the start time")
            else:
                times = (("start_time", start, "starts_at"), ("end_time", end, "ends_at"))
                for field, time, key in times:
                    try:
                        data[key] = london_to_utc(day, time)
                    except ValidationError as error:
                        self.add_error(field, error)
        if day and not self.cohort.starts_on <= day <= self.cohort.ends_on:
            self.add_error(
                "date",
                f"The date must be within the cohort, {self.cohort.starts_on:%-d %B %Y} "
                f"to {self.cohort.ends_on:%-d %B %Y}",
            )
        if self.fixed_set is not None:
            data["kind"], data["learning_set"] = Session.Kind.LEARNING_SET_MEETING, self.fixed_set
        else:
            meeting = data.get("kind") == Session.Kind.LEARNING_SET_MEETING
            if meeting and not data.get("learning_set"):
                self.add_error("learning_set", "Choose the learning set that is meeting")
            if not meeting and data.get("learning_set"):
                self.add_error(
                    "learning_set", "Only learning set meetings belong to a set: clear the set"
                )
        return data

    @property
    def session_fields(self) -> dict:
        data = self.cleaned_data
        names = ("kind", "learning_set", "title", "location", "online_link", "description")
        return {
            **{name: data[name] for name in names},
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
        }
