"""Reading a list of people to invite, pasted or uploaded as CSV, into `InviteLine`s.

Every line is kept, with the reason it cannot be used, so the adviser sees what will
happen to each before anything is sent.
"""

import csv
import io
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from accounts.models import Role
from accounts.services import normalise_email
from cohorts.services.invitations import InviteLine
from core.validators import single_line

MAX_LINES = 500
MAX_UPLOAD_BYTES = 512 * 1024
EMAIL_LIMIT = 254  # Invitation.email
FIELD_LIMITS = {"name": 150, "organisation": 200, "job_title": 200, "profession": 100}
COLUMNS = {
    "email": "email",
    "email address": "email",
    "name": "name",
    "full name": "name",
    "role": "role",
    "organisation": "organisation",
    "organization": "organisation",
    "job title": "job_title",
    "profession": "profession",
}
ROLE_NAMES = {
    "fellow": Role.FELLOW,
    "facilitator": Role.FACILITATOR,
    "learning set facilitator": Role.FACILITATOR,
    "reviewer": Role.REVIEWER,
    "application reviewer": Role.REVIEWER,
    "mentor": Role.MENTOR,
}
NAMED_ADDRESS = re.compile(r"^(?P<name>.*?)\s*<(?P<email>[^<>]+)>$")


def _heading(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").casefold().split())


def _problem(email: str, role: str, values: dict) -> str:
    if not role:
        return "Unknown role: use fellow, facilitator, reviewer or mentor"
    try:
        validate_email(email)
    except ValidationError:
        return "Not a valid email address"
    if len(email) > EMAIL_LIMIT:
        return f"The email address is longer than {EMAIL_LIMIT} characters"
    for name, limit in FIELD_LIMITS.items():
        value, label = values.get(name, ""), name.replace("_", " ")
        if len(value) > limit:
            return f"The {label} is longer than {limit} characters"
        try:
            single_line(value)
        except ValidationError as error:
            return f"The {label} has a character Pioneer cannot take. {error.messages[0]}"
    return ""


def _line(number: int, email: str, role: str, **values) -> InviteLine:
    email = normalise_email(email)
    values = {name: " ".join(value.split()) for name, value in values.items()}
    return InviteLine(
        number=number, email=email, role=role, problem=_problem(email, role, values), **values
    )


def read_pasted(text: str, role: str) -> list[InviteLine]:
    """One address a line (or separated by semicolons); 'Name <address>' keeps the name."""
    if "\x00" in text:  # the database cannot store it; a paste never has one by chance
        raise ValidationError(
            "The list has a character Pioneer cannot read. Paste the addresses again."
        )
    entries = [part.strip() for part in re.split(r"[\r\n;]+", text) if part.strip()]
    if len(entries) > MAX_LINES:
        raise ValidationError(
            f"That is {len(entries):,} addresses; Pioneer takes at most {MAX_LINES} at a time. "
            "Split the list and invite each part in turn."
        )
    lines = []
    for number, entry in enumerate(entries, start=1):
        named = NAMED_ADDRESS.match(entry)
        if named:
            lines.append(_line(number, named["email"], role, name=named["name"].strip(' "')))
        else:
            lines.append(_line(number, entry, role))
    return lines


def read_csv(text: str, default_role: str) -> list[InviteLine]:
    """A CSV with a header row naming its columns: email, and optionally name, role,
    organisation, job title and profession."""
    if "\x00" in text:
        raise ValidationError("This does not look like a CSV file. Save it as ‘CSV UTF-8’.")
    rows = csv.reader(io.StringIO(text), strict=True)
    try:
        header = next(rows, None)
        if header is None or not any(cell.strip() for cell in header):
            raise ValidationError("The file is empty.")
        headings = [_heading(cell) for cell in header]
        unknown = [cell for cell, h in zip(header, headings, strict=True) if h not in COLUMNS]
        if unknown:
            raise ValidationError(
                f"The file has a column Pioneer does not know: ‘{unknown[0].strip()}’. "
                "Use these headings: email, name, role, organisation, job title, profession."
            )
        columns = [COLUMNS[h] for h in headings]
        if "email" not in columns:
            raise ValidationError(
                "The first line must name the columns, and one of them must be ‘email’."
            )
        data = [(rows.line_num, row) for row in rows if any(cell.strip() for cell in row)]
    except csv.Error as error:
        raise ValidationError(
            f"Pioneer could not read line {rows.line_num} of the file ({error}). "
            "Check its quotes, or save it again as ‘CSV UTF-8’."
        ) from error
    if len(data) > MAX_LINES:
        raise ValidationError(
            f"The file has {len(data):,} people; Pioneer takes at most {MAX_LINES} at a time. "
            "Split it into smaller files and invite each in turn."
        )
    lines = []
    for number, row in data:
        if len(row) > len(columns):
            lines.append(
                InviteLine(
                    number=number,
                    email=row[columns.index("email")].strip() if row else "",
                    role=default_role,
                    problem=f"It has {len(row)} cells but the header names {len(columns)}",
                )
            )
            continue
        values = dict(zip(columns, [cell.strip() for cell in row], strict=False))
        role_text = _heading(values.pop("role", ""))
        role = ROLE_NAMES.get(role_text, "") if role_text else default_role
        lines.append(_line(number, values.pop("email", ""), role, **values))
    return lines


def decode(content: bytes) -> str:
    """An uploaded file's text: UTF-8 (with or without a byte-order mark) or Windows-1252,
    the two ways Excel saves a CSV."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError("Pioneer could not read the file. Save it as ‘CSV UTF-8’ and try again.")
