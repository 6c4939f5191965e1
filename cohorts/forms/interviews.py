"""An intake interview with its agreed goals, and the programme's themes."""

from django import forms
from django.core.exceptions import ValidationError

from accounts.models import User
from cohorts.forms.widgets import InlineRadioSelect
from cohorts.models import IntakeInterview, Theme
from cohorts.services.interviews import GoalInput
from core.forms import DateField, today
from core.validators import single_line

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

    def __init__(self, *args, advisers, interviewer, interview=None, hopes="", **kwargs):
        # `hopes`: what the fellow wrote when applying, until the interview is recorded.
        kwargs.setdefault("initial", {"interviewer": interviewer.pk, "hopes": hopes})
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
