"""Fields worded the way every projects form words them."""

from django import forms

from core.forms import DateField, DateInput, today


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
