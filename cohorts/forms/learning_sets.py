"""A learning set, and the suggested split the adviser adjusts."""

from django import forms
from django.core.exceptions import ValidationError

from accounts.models import User
from cohorts.services.learning_sets import SET_SIZE_MAX, SET_SIZE_MIN, NewSet
from core.validators import single_line


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
