"""Progress entries with their evidence links, advisers' comments and the replies under them."""

from django import forms
from django.core.exceptions import ValidationError

from core.forms import today
from projects.forms.fields import date_field, text
from projects.models import Evidence, Rag, http_url


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
