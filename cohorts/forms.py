"""Forms parse and check what people type; the services do the writing."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Cohort, Role, User
from cohorts.invitation_lists import MAX_UPLOAD_BYTES, decode, read_csv, read_pasted
from cohorts.models import Attendance, IntakeInterview, LearningSet, Session, Theme
from cohorts.services import (
    BULK_ROLES,
    SET_SIZE_MAX,
    SET_SIZE_MIN,
    GoalInput,
    NewSet,
)
from core.clock import london_to_utc
from core.forms import DateField, TimeInput, today
from core.validators import single_line


class InlineRadioSelect(forms.RadioSelect):
    """Radios laid out in a row (rendered by templates/cohorts/includes/radios.html)."""

    inline = True


# Cohorts


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


# Bulk invitations


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


# Timetable


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


# Attendance


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


# Learning sets


class FellowChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, *args, labels, **kwargs):
        super().__init__(*args, **kwargs)
        self.labels = labels

    def label_from_instance(self, obj):
        return self.labels.get(obj.pk, str(obj))


def fellow_label(membership) -> str:
    details = ", ".join(part for part in (membership.organisation, membership.profession) if part)
    name = membership.user.name or membership.user.email
    return f"{name} ({details})" if details else name


def size_problem(count: int) -> str:
    if SET_SIZE_MIN <= count <= SET_SIZE_MAX:
        return ""
    return (
        f"has {count} fellow{'s' if count != 1 else ''}; a learning set works best with "
        f"{SET_SIZE_MIN} to {SET_SIZE_MAX}"
    )


class LearningSetForm(forms.Form):
    name = forms.CharField(
        max_length=100, help_text="For example, Thames.", validators=[single_line]
    )
    facilitator = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, empty_label="No facilitator yet"
    )
    fellows = FellowChoiceField(
        queryset=User.objects.none(),
        labels={},
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Fellows already in another set are not listed.",
    )
    confirm_size = forms.BooleanField(
        label="Save this set even though it is outside 4 to 8 fellows", required=False
    )

    def __init__(self, *args, cohort, candidates, facilitators, learning_set=None, **kwargs):
        if learning_set is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": learning_set.name,
                    "facilitator": learning_set.facilitator_id,
                    "fellows": [m.user_id for m in candidates if m.set_id == learning_set.pk],
                },
            )
        super().__init__(*args, **kwargs)
        self.cohort, self.learning_set = cohort, learning_set
        self.fields["facilitator"].queryset = facilitators
        fellows = self.fields["fellows"]
        fellows.queryset = User.objects.filter(pk__in=[m.user_id for m in candidates])
        fellows.labels = {m.user_id: fellow_label(m) for m in candidates}

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = self.cohort.learning_sets.filter(name__iexact=name)
        if self.learning_set is not None:
            others = others.exclude(pk=self.learning_set.pk)
        if others.exists():
            raise ValidationError(f"This cohort already has a set called {name}")
        return name

    def clean(self):
        data = super().clean()
        problem = size_problem(len(data.get("fellows") or []))
        if problem and not data.get("confirm_size"):
            self.add_error("fellows", f"This set {problem}. Tick the box below to save it anyway")
        return data


class SplitForm(forms.Form):
    """The suggested split, which the adviser adjusts before saving."""

    confirm_sizes = forms.BooleanField(
        label="Save these sets even though some are outside 4 to 8 fellows", required=False
    )

    def __init__(self, *args, cohort, candidates, facilitators, suggestion, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort, self.candidates = cohort, candidates
        # Plain choices, read once, rather than a query for every set's list.
        self.facilitators = {str(user.pk): user for user in facilitators}
        facilitator_choices = [("", "No facilitator yet")] + [
            (pk, user.name or user.email) for pk, user in self.facilitators.items()
        ]
        self.set_numbers = range(1, len(suggestion) + 1)
        choices = [(str(n), f"Set {n}") for n in self.set_numbers]
        taken = {name.casefold() for name in cohort.learning_sets.values_list("name", flat=True)}
        spare_names = (f"Set {n}" for n in range(1, 1000) if f"set {n}" not in taken)
        for number in self.set_numbers:
            self.fields[f"set_{number}_name"] = forms.CharField(
                label=f"Name of set {number}",
                max_length=100,
                initial=next(spare_names),
                validators=[single_line],
            )
            self.fields[f"set_{number}_facilitator"] = forms.ChoiceField(
                label=f"Facilitator of set {number}",
                choices=facilitator_choices,
                required=False,
            )
        for number, members in zip(self.set_numbers, suggestion, strict=True):
            for fellow in members:
                self.fields[f"fellow_{fellow.id}"] = forms.ChoiceField(
                    label=f"Set for {fellow.name}", choices=choices, initial=str(number)
                )
        self.fields["confirm_sizes"] = self.fields.pop("confirm_sizes")

    def chosen_set(self, fellow) -> int:
        """The set a fellow is in on this form, as typed or as suggested."""
        field = f"fellow_{fellow.id}"
        value = self.data.get(field) if self.is_bound else None
        value = value or self.fields[field].initial
        try:
            return int(value)
        except ValueError:  # not a number, such as "²"; the field itself reports it
            return 1

    def grouping(self) -> list[list]:
        groups: list[list] = [[] for _ in self.set_numbers]
        for fellow in self.candidates:
            number = self.chosen_set(fellow)
            if 1 <= number <= len(groups):
                groups[number - 1].append(fellow)
        return groups

    def clean(self):
        data = super().clean()
        names = {}
        for number in self.set_numbers:
            name = (data.get(f"set_{number}_name") or "").strip()
            if not name:
                continue
            if name.casefold() in names:
                self.add_error(f"set_{number}_name", f"Set {names[name.casefold()]} has this name")
            elif self.cohort.learning_sets.filter(name__iexact=name).exists():
                self.add_error(f"set_{number}_name", f"This cohort already has a set called {name}")
            names[name.casefold()] = number
        sizes = []
        for number, members in zip(self.set_numbers, self.grouping(), strict=True):
            if not members:
                self.add_error(
                    f"set_{number}_name",
                    f"Set {number} has no fellows: move someone into it, or suggest fewer sets",
                )
            elif problem := size_problem(len(members)):
                sizes.append(f"Set {number} {problem}")
        if sizes and not data.get("confirm_sizes"):
            for message in sizes:
                self.add_error("confirm_sizes", message)
        return data

    @property
    def new_sets(self) -> list[NewSet]:
        users = {
            user.pk: user for user in User.objects.filter(pk__in=[c.id for c in self.candidates])
        }
        return [
            NewSet(
                name=self.cleaned_data[f"set_{number}_name"],
                facilitator=self.facilitators.get(self.cleaned_data[f"set_{number}_facilitator"]),
                fellows=[users[fellow.id] for fellow in members],
            )
            for number, members in zip(self.set_numbers, self.grouping(), strict=True)
        ]


# Intake interviews and themes

STARTING_POINTS = [(str(n), str(n)) for n in range(1, 6)]


class InterviewForm(forms.Form):
    held_on = DateField(
        label="Date of the interview",
        latest=today,
        error_messages={"too_late": "The date of the interview cannot be in the future"},
    )
    interviewer = forms.ModelChoiceField(queryset=User.objects.none())
    hopes = forms.CharField(
        label="What the fellow hopes to achieve", widget=forms.Textarea(attrs={"rows": 5})
    )
    motivation = forms.ChoiceField(
        label="How they came to the fellowship",
        choices=IntakeInterview.Motivation.choices,
        widget=forms.RadioSelect,
    )
    starting_skilled = forms.TypedChoiceField(
        label="Skilled: where they start, from 1 (not yet) to 5 (already strong)",
        choices=STARTING_POINTS,
        coerce=int,
        widget=InlineRadioSelect,
    )
    starting_connected = forms.TypedChoiceField(
        label="Connected: where they start, from 1 to 5",
        choices=STARTING_POINTS,
        coerce=int,
        widget=InlineRadioSelect,
    )
    starting_inspired = forms.TypedChoiceField(
        label="Inspired: where they start, from 1 to 5",
        choices=STARTING_POINTS,
        coerce=int,
        widget=InlineRadioSelect,
    )

    def __init__(self, *args, advisers, interviewer, interview=None, **kwargs):
        kwargs.setdefault("initial", {"interviewer": interviewer.pk})
        if interview is not None:
            kwargs["initial"] = {
                "held_on": interview.held_on,
                "interviewer": interview.interviewer_id,
                "hopes": interview.hopes,
                "motivation": interview.motivation,
                "starting_skilled": interview.starting_skilled,
                "starting_connected": interview.starting_connected,
                "starting_inspired": interview.starting_inspired,
            }
        super().__init__(*args, **kwargs)
        self.fields["interviewer"].queryset = advisers


class GoalForm(forms.Form):
    text = forms.CharField(label="Agreed goal", max_length=300, required=False)
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes
        # Always clean: a goal left as it was must still be kept.
        self.empty_permitted = False

    def clean(self):
        data = super().clean()
        if data.get("themes") and not (data.get("text") or "").strip():
            self.add_error("text", "Write the goal, or clear its themes")
        return data


class BaseGoalFormSet(forms.BaseFormSet):
    @property
    def goals(self) -> list[GoalInput]:
        return [
            GoalInput(text=form.cleaned_data["text"], themes=list(form.cleaned_data["themes"]))
            for form in self.forms
            if (form.cleaned_data.get("text") or "").strip()
        ]


MAX_GOALS = 12
BLANK_GOALS = 2
GoalFormSet = forms.formset_factory(
    GoalForm,
    formset=BaseGoalFormSet,
    extra=0,
    max_num=MAX_GOALS,
    absolute_max=MAX_GOALS,
    validate_max=True,
)


def goal_formset(data=None, *, themes, interview=None) -> BaseGoalFormSet:
    """The interview's goals, then blank rows for new ones."""
    initial = []
    if interview is not None:
        initial = [
            {"text": goal.text, "themes": [theme.pk for theme in goal.themes.all()]}
            for goal in interview.goals.prefetch_related("themes")
        ]
    blanks = min(max(BLANK_GOALS, 3 - len(initial)), MAX_GOALS - len(initial))
    initial += [{} for _ in range(blanks)]
    return GoalFormSet(data, initial=initial, prefix="goals", form_kwargs={"themes": themes})


class ThemeForm(forms.Form):
    name = forms.CharField(label="Theme", max_length=100, validators=[single_line])

    def __init__(self, *args, programme, theme=None, **kwargs):
        if theme is not None:
            kwargs.setdefault("initial", {"name": theme.name})
        super().__init__(*args, **kwargs)
        self.programme, self.theme = programme, theme

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = Theme.objects.filter(programme=self.programme, name__iexact=name)
        if self.theme is not None:
            others = others.exclude(pk=self.theme.pk)
        if others.exists():
            raise ValidationError(f"There is already a theme called {name}")
        return name
