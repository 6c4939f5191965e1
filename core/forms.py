"""Form pieces every app uses: dates within a sensible window, time pickers, and putting
a service's refusal on the form. One-line names are checked by core.validators."""

import datetime
from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format

ISO_DATE = "%Y-%m-%d"
# Pioneer has no records from before this; a typed year like 0001 or 9999 is a slip.
EARLIEST = datetime.date(2000, 1, 1)
YEARS_AHEAD = 10

Bound = datetime.date | Callable[[], datetime.date]


def today() -> datetime.date:
    return timezone.localdate()


def days_from_today(days: int) -> Callable[[], datetime.date]:
    return lambda: timezone.localdate() + datetime.timedelta(days=days)


def far_ahead() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=365 * YEARS_AHEAD)


def long_date(day: datetime.date) -> str:
    return date_format(day, "j F Y")


class DateInput(forms.DateInput):
    """The browser's date picker, which phones and keyboards handle; it submits YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_DATE)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class DateField(forms.DateField):
    """A date between `earliest` and `latest` (dates, or functions of today), so nothing a
    person types reaches the edge of the calendar and overflows later arithmetic."""

    widget = DateInput
    input_formats = [ISO_DATE, "%d/%m/%Y"]
    default_error_messages = {
        "too_early": "Enter a date on or after %(earliest)s",
        "too_late": "Enter a date on or before %(latest)s",
    }

    def __init__(self, *, earliest: Bound = EARLIEST, latest: Bound = far_ahead, **kwargs):
        super().__init__(**kwargs)
        self.earliest, self.latest = earliest, latest

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values:
            return
        earliest = self.earliest() if callable(self.earliest) else self.earliest
        latest = self.latest() if callable(self.latest) else self.latest
        params = {"earliest": long_date(earliest), "latest": long_date(latest)}
        if value < earliest:
            raise ValidationError(self.error_messages["too_early"], "too_early", params)
        if value > latest:
            raise ValidationError(self.error_messages["too_late"], "too_late", params)


def show_errors(form, error: ValidationError) -> None:
    """Put a service's refusal on the form, by field where the form has that field."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
