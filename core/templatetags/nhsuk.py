"""Template helpers that render Django form fields as NHS.UK frontend components."""

from django import template
from django.forms import (
    CheckboxInput,
    CheckboxSelectMultiple,
    ClearableFileInput,
    FileInput,
    RadioSelect,
    Select,
    SelectMultiple,
    Textarea,
)

register = template.Library()


def field_kind(field) -> str:
    widget = field.field.widget
    # CheckboxSelectMultiple is a subclass of RadioSelect, so it is asked first.
    if isinstance(widget, CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, RadioSelect):
        return "radios"
    if isinstance(widget, CheckboxInput):
        return "checkbox"
    if isinstance(widget, Textarea):
        return "textarea"
    if isinstance(widget, (Select, SelectMultiple)):
        return "select"
    if isinstance(widget, (FileInput, ClearableFileInput)):
        return "file"
    return "input"


_BASE_CLASS = {
    "input": "nhsuk-input",
    "textarea": "nhsuk-textarea",
    "select": "nhsuk-select",
    "file": "nhsuk-file-upload",
    "checkbox": "nhsuk-checkboxes__input",
}


def hint_id(field) -> str:
    return f"{field.auto_id}-hint"


def error_id(field) -> str:
    return f"{field.auto_id}-error"


def described_by(field) -> str:
    ids = []
    if field.help_text:
        ids.append(hint_id(field))
    if field.errors:
        ids.append(error_id(field))
    return " ".join(ids)


@register.simple_tag
def nhsuk_field(field) -> dict:
    """Facts the field template needs: its component kind and the ids it refers to."""
    kind = field_kind(field)
    return {
        "kind": kind,
        "hint_id": hint_id(field),
        "error_id": error_id(field),
        "described_by": described_by(field),
        "is_fieldset": kind in ("radios", "checkboxes"),
    }


@register.simple_tag
def nhsuk_widget(field):
    """Render the field's widget with NHS.UK classes and its hint and error ids."""
    kind = field_kind(field)
    base = _BASE_CLASS[kind]
    classes = [base]
    existing = field.field.widget.attrs.get("class")
    if existing:
        classes.append(existing)
    if field.errors and kind != "checkbox":
        classes.append(f"{base}--error")
    attrs = {"class": " ".join(classes)}
    if described := described_by(field):
        attrs["aria-describedby"] = described
    return field.as_widget(attrs=attrs)


@register.simple_tag
def error_target(field) -> str:
    """The id an error summary link should jump to for this field."""
    if field_kind(field) in ("radios", "checkboxes"):
        return f"{field.auto_id}_0"
    return field.auto_id
