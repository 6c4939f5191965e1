"""Frameworks: the default, programmes' copies, and edits to statements and weights."""

import copy
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError

from accounts.models import Programme
from audit import services as audit
from audit.models import Action
from core.changes import record
from evaluation.changes import framework_places
from evaluation.defaults import create_default_framework
from evaluation.evidence import MEASURES
from evaluation.models import Domain, Framework, Indicator


def default_framework_ensure() -> Framework:
    """The default framework, created if a reset emptied the tables (the migration made it)."""
    return create_default_framework(Framework, Domain, Indicator)


# Frameworks: copy and edit. A frozen version is never changed; editing makes a new one.


def _clone(framework: Framework, *, programme, name: str, version: int) -> tuple[Framework, dict]:
    """Copy a framework with its domains and indicators. Returns it and {old pk: new object}."""
    copy = Framework(programme=programme, name=name, version=version, parent=framework)
    copy.full_clean()
    copy.save()
    mapping: dict = {}
    for domain in framework.domains.prefetch_related("indicators"):
        new_domain = Domain.objects.create(
            framework=copy,
            key=domain.key,
            name=domain.name,
            description=domain.description,
            is_outcome=domain.is_outcome,
            position=domain.position,
        )
        mapping[("domain", domain.pk)] = new_domain
        for indicator in domain.indicators.all():
            mapping[("indicator", indicator.pk)] = Indicator.objects.create(
                domain=new_domain,
                statement=indicator.statement,
                kind=indicator.kind,
                scale_min=indicator.scale_min,
                scale_max=indicator.scale_max,
                weight=indicator.weight,
                derived_key=indicator.derived_key,
                asks_then=indicator.asks_then,
                position=indicator.position,
            )
    return copy, mapping


def _newer_version_exists(framework: Framework) -> bool:
    return Framework.objects.filter(
        programme_id=framework.programme_id, name=framework.name, version__gt=framework.version
    ).exists()


@transaction.atomic
def framework_copy(*, framework: Framework, programme: Programme, name: str) -> Framework:
    """A programme's own editable copy of a framework (often the default)."""
    name = name.strip()
    if Framework.objects.filter(programme=programme, name__iexact=name).exists():
        taken = f"{programme.name} already has a framework called “{name}”."
        raise ValidationError({"name": f"{taken} Choose another name."})
    copy, _ = _clone(framework, programme=programme, name=name, version=1)
    return copy


def framework_freeze(*, framework: Framework) -> None:
    """Answers exist for this version: from now on edits make a new version."""
    # One UPDATE (racing submissions freeze once) sends no signal: the trail is written here.
    if Framework.objects.filter(pk=framework.pk, frozen=False).update(frozen=True):
        record(framework_places(framework.pk))
        before = copy.copy(framework)
        before.frozen = False
        framework.frozen = True
        audit.changes_record(action=Action.UPDATE, pairs=[(before, framework)])
    framework.frozen = True


def _editable(framework: Framework) -> tuple[Framework, dict]:
    """The version an edit goes to: this one, or a new version if this one is frozen."""
    if framework.programme_id is None:
        raise ValidationError("The default framework cannot be changed. Copy it to edit it.")
    if _newer_version_exists(framework):
        raise ValidationError(
            "This is an old version of the framework. Open the newest version to change it."
        )
    locked = Framework.objects.select_for_update().get(pk=framework.pk)
    if not locked.frozen:
        return locked, {}
    latest = Framework.objects.filter(
        programme_id=framework.programme_id, name=framework.name
    ).aggregate(Max("version"))["version__max"]
    return _clone(locked, programme=locked.programme, name=locked.name, version=latest + 1)


def _check_weights(domain: Domain) -> None:
    if not domain.indicators.filter(weight__gt=0).exists():
        raise ValidationError(
            {
                "weight": f"{domain.name} needs at least one indicator with a weight above "
                f"zero, or it can never be scored."
            }
        )


def _check_derived_key(kind: str, derived_key: str) -> str:
    if kind != Indicator.Kind.DERIVED:
        return ""
    if derived_key not in MEASURES:
        raise ValidationError({"derived_key": "Choose a measure from Pioneer's records."})
    return derived_key


@transaction.atomic
def indicator_create(
    *,
    domain: Domain,
    statement: str,
    kind: str,
    weight: Decimal,
    derived_key: str = "",
    asks_then: bool = False,
) -> Indicator:
    _, mapping = _editable(domain.framework)
    domain = mapping.get(("domain", domain.pk), domain)
    position = (domain.indicators.aggregate(Max("position"))["position__max"] or 0) + 1
    indicator = Indicator(
        domain=domain,
        statement=statement.strip(),
        kind=kind,
        weight=weight,
        derived_key=_check_derived_key(kind, derived_key),
        asks_then=asks_then,
        position=position,
    )
    indicator.full_clean()
    indicator.save()
    _check_weights(domain)
    return indicator


@transaction.atomic
def indicator_update(
    *, indicator: Indicator, statement: str, weight: Decimal, asks_then: bool = False
) -> Indicator:
    """Change a statement, its weight or whether the end wave also asks it looking back.
    Returns the indicator, in a new version if frozen."""
    _, mapping = _editable(indicator.domain.framework)
    indicator = mapping.get(("indicator", indicator.pk), indicator)
    indicator.statement = statement.strip()
    indicator.weight = weight
    indicator.asks_then = asks_then
    indicator.full_clean()
    indicator.save(update_fields=["statement", "weight", "asks_then"])
    _check_weights(indicator.domain)
    return indicator


@transaction.atomic
def indicator_delete(*, indicator: Indicator) -> Framework:
    """Take an indicator out. Returns the framework version it was taken out of."""
    framework, mapping = _editable(indicator.domain.framework)
    indicator = mapping.get(("indicator", indicator.pk), indicator)
    domain = indicator.domain
    try:
        indicator.delete()
    except ProtectedError as error:
        # Answers or ratings PROTECT it: a version marked unfrozen in the admin, say.
        raise ValidationError(
            "Fellows have answered or been rated on this statement, so it cannot be taken out."
        ) from error
    _check_weights(domain)
    return framework
