"""How an app declares the personal data it holds, for subject access and erasure.

Each app lists, in `<app>/personal_data.py`, a `HOLDS` tuple of `Holds`: which of its
tables hold rows about a person, how to find them, and what erasing the person changes
in them. The privacy app gathers every declaration; a test fails when a foreign key to
the user is declared by no app. This module is plain data, so every floor may use it.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

# Replacement values that stand for something worked out for the person erased.
LABEL = "{label}"  # "Former fellow 123"
EMAIL = "{email}"  # an address at a reserved domain nothing is ever sent to


@dataclass(frozen=True)
class Holds:
    """Rows of `model` ("app_label.ModelName") that are about a person.

    `by` maps each lookup that leads from a row to the person (a foreign key, or a path
    such as "entry__author"; "pk" for the person's own row) to the columns that erasing
    that person changes: {column: new value}, "" to blank free text, LABEL or EMAIL.
    `by_email` does the same for rows that name the person by address, not by account.
    `mentions` are text or JSON columns of anybody's rows that may quote people's names
    (worked-out evidence, log lines): erasure replaces the name there with the label.
    `delete` removes the person's rows instead (sign-in secrets, a place in a queue).
    `secret` columns never leave Pioneer, not even in the person's own export.
    """

    model: str
    by: Mapping[str, Mapping[str, object]]
    by_email: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    mentions: tuple[str, ...] = ()
    delete: bool = False
    secret: tuple[str, ...] = ()
