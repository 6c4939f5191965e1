"""Forms parse what people type; the services do the writing."""

import datetime

from django import forms
from django.core.exceptions import ValidationError

from cohorts.models import Theme
from core.forms import DateField, DateInput, TimeInput, today
from core.validators import single_line
from projects.models import SLOT_MINUTES, Evidence, ImpactStatement, Project, Rag, http_url
from projects.selectors.board import BOARD_FLAGS


def date_field(
    label: str, *, required: bool = True, help_text: str = "", future: bool = True
) -> DateField:
    """A date picker with this form's wording; `future=False` for things that happened."""
    messages = {
        "required": f"Enter the {label.lower()}",
        "invalid": f"Enter the {label.lower()} as a real date, for example 17/03/2026",
    }
    bounds = {}
    if not future:
        bounds["latest"] = today
        messages["too_late"] = f"The {label.lower()} cannot be in the future"
    return DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DateInput(attrs={"class": "nhsuk-input--width-10"}),
        error_messages=messages,
        **bounds,
    )


def text(
    label: str,
    *,
    required: bool = True,
    rows: int = 3,
    help_text: str = "",
    required_message: str = "",
    **kwargs,
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": required_message or f"Enter {label.lower()}"},
        **kwargs,
    )


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


def parse_evidence(value: str) -> list[Evidence]:
    """One link per line, optionally after a short description: `Audit https://...`."""
    links, problems = [], []
    for number, line in enumerate(value.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        label, _, url = line.rpartition(" ")
        scheme, sep, rest = url.partition("://")
        url = f"{scheme.lower()}{sep}{rest}"
        try:
            http_url(url)
        except ValidationError:
            problems.append(f"Evidence link on line {number} must start with http:// or https://")
            continue
        if len(url) > 500 or len(label) > 200:
            problems.append(f"Evidence link on line {number} is too long")
            continue
        links.append(Evidence(url=url, label=label.strip()))
    if problems:
        raise ValidationError(problems)
    return links


def evidence_as_text(links) -> str:
    return "\n".join(f"{link.label} {link.url}".strip() for link in links)


class ProgressEntryForm(forms.Form):
    happened_on = date_field(
        "Date", help_text="When it happened. It cannot be in the future.", future=False
    )
    what_happened = text("What happened", rows=4, required_message="Describe what happened")
    rag = forms.ChoiceField(
        label="How is it going?",
        choices=[
            (Rag.GREEN, "Green – on track"),
            (Rag.AMBER, "Amber – some risk, in hand"),
            (Rag.RED, "Red – off track or blocked, I need help"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose green, amber or red"},
    )
    blockers = text(
        "Blockers", required=False, rows=2, help_text="What is in your way, if anything."
    )
    next_steps = text("Next steps", required=False, rows=2)
    evidence = text(
        "Evidence links",
        required=False,
        rows=2,
        help_text="One link per line, starting with https://. You can put a short description "
        "before the link, for example: Discharge audit https://example.nhs.uk/audit",
    )

    def clean_evidence(self):
        return parse_evidence(self.cleaned_data["evidence"])

    @classmethod
    def initial_for(cls, entry) -> dict:
        return {
            "happened_on": entry.happened_on,
            "what_happened": entry.what_happened,
            "rag": entry.rag,
            "blockers": entry.blockers,
            "next_steps": entry.next_steps,
            "evidence": evidence_as_text(entry.evidence_links.all()),
        }


def quick_entry_form() -> ProgressEntryForm:
    """The progress entry form on a fellow's home page, dated today."""
    return ProgressEntryForm(initial={"happened_on": today()}, auto_id="quick_%s")


class CommentForm(forms.Form):
    body = text(
        "Your comment",
        rows=4,
        help_text="The fellow is emailed and sees it on their home page.",
        max_length=5000,
        required_message="Write your comment",
    )


class ReplyForm(forms.Form):
    body = text(
        "Your reply",
        rows=4,
        help_text="They are emailed and see it on this entry.",
        max_length=5000,
        required_message="Write your reply",
    )


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


class ShowcaseOrderForm(forms.Form):
    """When the first fellow starts and how long each has, then a position box for every
    project of the cohort; blank means not presenting."""

    starts_at = forms.TimeField(
        label="Start time",
        help_text="When the first fellow starts presenting, for example 10:00.",
        widget=TimeInput,
        error_messages={
            "required": "Enter the time the first fellow starts",
            "invalid": "Enter a start time such as 10:00",
        },
    )
    slot_minutes = forms.IntegerField(
        label="Slot length in minutes",
        help_text="How long each fellow has, questions included.",
        min_value=SLOT_MINUTES[0],
        max_value=SLOT_MINUTES[1],
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-3"}),
        error_messages={
            "required": "Enter how many minutes each fellow has",
            "invalid": "Enter the slot length as a whole number of minutes",
            "min_value": f"Enter a slot length of {SLOT_MINUTES[0]} minutes or more",
            "max_value": f"Enter a slot length of {SLOT_MINUTES[1]} minutes or less",
        },
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.projects = list(projects)
        for project in self.projects:
            place = getattr(project, "showcase_place", None)
            self.fields[f"position_{project.pk}"] = forms.IntegerField(
                label=f"{project.fellow.name}: {project.title}",
                required=False,
                min_value=1,
                max_value=len(self.projects),
                initial=place.position if place else None,
                widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
                error_messages={
                    "invalid": "Enter a whole number",
                    "min_value": "Enter a position of 1 or more",
                    "max_value": f"Enter a position of {len(self.projects)} or less",
                },
            )

    def clean(self):
        data = super().clean()
        seen: dict[int, str] = {}
        for project in self.projects:
            name = f"position_{project.pk}"
            position = data.get(name)
            if position is None:
                continue
            if position in seen:
                self.add_error(name, f"Position {position} is already given to {seen[position]}")
            else:
                seen[position] = project.fellow.name
        start, minutes = data.get("starts_at"), data.get("slot_minutes")
        if start and minutes and not self.errors:
            first = datetime.datetime.combine(datetime.date(2000, 1, 1), start)
            end = first + datetime.timedelta(minutes=minutes * len(seen))
            if end > datetime.datetime.combine(datetime.date(2000, 1, 2), datetime.time(0)):
                self.add_error(
                    "slot_minutes",
                    "The running order would end after midnight: "
                    "start earlier or shorten the slots",
                )
        return data

    def ordered_project_ids(self) -> list[int]:
        """Project ids by their position (gaps close up: 1, 3, 4 become 1, 2, 3)."""
        chosen = [
            (self.cleaned_data[f"position_{project.pk}"], project.pk)
            for project in self.projects
            if self.cleaned_data.get(f"position_{project.pk}") is not None
        ]
        return [pk for _, pk in sorted(chosen)]


class BoardFilterForm(forms.Form):
    rag = forms.ChoiceField(
        label="Latest RAG status",
        required=False,
        choices=[("", "Any"), *Rag.choices, ("none", "No entries yet")],
    )
    flag = forms.ChoiceField(
        label="Flag", required=False, choices=[("", "Any"), *BOARD_FLAGS.items()]
    )
    status = forms.ChoiceField(
        label="Project status", required=False, choices=[("", "Any"), *Project.Status.choices]
    )
