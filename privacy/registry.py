"""Every app's declaration of the personal data it holds (`<app>/personal_data.py`)."""

from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.db import models
from django.db.models import Q

from core.personal_data import Holds


@dataclass(frozen=True)
class Table:
    """A declaration with its model loaded."""

    model: type[models.Model]
    holds: Holds

    @property
    def name(self) -> str:
        return self.model._meta.label_lower

    def about(self, person_id: int, email: str) -> Q:
        """The rows about a person: by any of the declared lookups, or by their address."""
        who = Q()
        for lookup in self.holds.by:
            who |= Q(**{lookup: person_id})
        for column in self.holds.by_email:
            who |= Q(**{f"{column}__iexact": email})
        return who

    def columns(self) -> list[str]:
        """The columns a person's export shows: every stored one but the secrets."""
        return [
            field.attname
            for field in self.model._meta.concrete_fields
            if field.name not in self.holds.secret and field.attname not in self.holds.secret
        ]


def _declared() -> list[Holds]:
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.personal_data"
        if config.name.startswith("django.") or find_spec(name) is None:
            continue
        # core.personal_data defines the declaration itself and declares nothing.
        found.extend(getattr(import_module(name), "HOLDS", ()))
    return found


@cache
def tables() -> tuple[Table, ...]:
    """Every declared table whose app is installed, in app order."""
    out = []
    for holds in _declared():
        app_label, model_name = holds.model.split(".")
        if app_label not in apps.app_configs:
            continue
        out.append(Table(apps.get_model(app_label, model_name), holds))
    return tuple(out)
