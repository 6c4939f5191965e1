"""A project, its milestones and its impact statements."""

from django import forms

from cohorts.models import Theme
from core.validators import single_line
from projects.forms.fields import date_field, text
from projects.models import ImpactStatement, Project


class ProjectForm(forms.Form):
    title = forms.CharField(
        max_length=200,
        validators=[single_line],
        error_messages={"required": "Enter a title for your project"},
    )
    summary = text(
        "Summary",
        help_text="Two or three sentences. Other fellows in your cohort and your mentors see this.",
        required_message="Enter a short summary of your project",
    )
    problem = text(
        "The problem", required=False, rows=4, help_text="What needs to change, and why."
    )
    intended_outcomes = text(
        "Intended outcomes", required=False, rows=4, help_text="What will be different, for whom."
    )
    organisation = forms.CharField(max_length=200, required=False, validators=[single_line])
    sponsor_name = forms.CharField(
        label="Sponsor’s name", max_length=150, required=False, validators=[single_line]
    )
    sponsor_role = forms.CharField(
        label="Sponsor’s role",
        max_length=150,
        required=False,
        help_text="For example Chief Nursing Officer.",
        validators=[single_line],
    )
    themes = forms.ModelMultipleChoiceField(
        label="Themes",
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="What your project is about. Pioneer suggests mentors whose expertise matches.",
    )

    def __init__(self, *args, programme_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.filter(programme_id=programme_id).order_by(
            "name"
        )
        if not self.fields["themes"].queryset.exists():
            del self.fields["themes"]  # the programme has not set any themes yet


class ProjectChangeForm(ProjectForm):
    status = forms.ChoiceField(choices=Project.Status.choices, widget=forms.RadioSelect)


class MilestoneForm(forms.Form):
    title = forms.CharField(
        label="Milestone",
        max_length=200,
        validators=[single_line],
        error_messages={"required": "Enter the milestone"},
    )
    due_on = date_field("Due date")
    done_on = date_field(
        "Date done",
        required=False,
        help_text="Leave empty until the milestone is done.",
        future=False,
    )


class ImpactStatementForm(forms.Form):
    what_changed = text("What changed", rows=4, required_message="Say what changed")
    for_whom = text(
        "For whom",
        help_text="Patients, staff, a service, a system.",
        required_message="Say who it changed things for",
    )
    how_measured = text(
        "How it was measured",
        help_text="The numbers or evidence behind it.",
        required_message="Say how it was measured",
    )
    will_it_last = text(
        "Will it last?",
        help_text="Who owns it now, and what keeps it going.",
        required_message="Say whether it will last",
    )


IMPACT_KINDS = dict(ImpactStatement.Kind.choices)
