"""Every write in the evaluation: frameworks, waves, answers, ratings and scores."""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils import timezone

from accounts.models import Cohort, Membership, Programme, User
from core.mail import enqueue
from evaluation.defaults import create_default_framework
from evaluation.evidence import MEASURES, measure_all
from evaluation.models import (
    LOOKING_BACK_MAX,
    LOOKING_BACK_MIN,
    AdviserRating,
    Answer,
    Domain,
    Framework,
    Indicator,
    LookingBack,
    Response,
    Score,
    Wave,
)
from evaluation.scoring import Item, domain_score

# Reminders go to fellows who have not submitted, once, in the last week of a wave
# (but not in its first three days, so a short wave does not remind on day one).
REMIND_DAYS_BEFORE_CLOSE = 7
REMIND_NOT_BEFORE_DAYS = 3


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
    Framework.objects.filter(pk=framework.pk, frozen=False).update(frozen=True)
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
        position=position,
    )
    indicator.full_clean()
    indicator.save()
    _check_weights(domain)
    return indicator


@transaction.atomic
def indicator_update(*, indicator: Indicator, statement: str, weight: Decimal) -> Indicator:
    """Change a statement or weight. Returns the indicator, in a new version if frozen."""
    _, mapping = _editable(indicator.domain.framework)
    indicator = mapping.get(("indicator", indicator.pk), indicator)
    indicator.statement = statement.strip()
    indicator.weight = weight
    indicator.full_clean()
    indicator.save(update_fields=["statement", "weight"])
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


# Waves.


def _framework_allowed(framework: Framework, cohort: Cohort) -> None:
    if framework.programme_id not in (None, cohort.programme_id):
        raise ValidationError({"framework": "Choose a framework of this programme."})


@transaction.atomic
def wave_create(
    *,
    cohort: Cohort,
    kind: str,
    framework: Framework,
    opens_on: datetime.date,
    closes_on: datetime.date,
) -> Wave:
    _framework_allowed(framework, cohort)
    wave = Wave(
        cohort=cohort, kind=kind, framework=framework, opens_on=opens_on, closes_on=closes_on
    )
    wave.full_clean()
    wave.save()
    return wave


@transaction.atomic
def wave_update(*, wave: Wave, opens_on: datetime.date, closes_on: datetime.date) -> Wave:
    wave.opens_on = opens_on
    wave.closes_on = closes_on
    wave.full_clean()
    wave.save(update_fields=["opens_on", "closes_on"])
    return wave


def _is_active_fellow(user: User, cohort_id: int) -> bool:
    return Membership.objects.active_fellows(cohort_id).filter(user=user).exists()


def _active_fellow_ids(cohort_id: int) -> list[int]:
    return list(
        Membership.objects.active_fellows(cohort_id)
        .values_list("user_id", flat=True)
        .order_by("user_id")
    )


@transaction.atomic
def wave_invite(*, wave: Wave) -> int:
    """Make a response row for every active fellow and email those not yet invited.

    Safe to run again (the beat does, hourly): each fellow is invited once, and a
    fellow who joins the cohort while the wave is open is invited on the next run.
    """
    fellows = _active_fellow_ids(wave.cohort_id)
    Response.objects.bulk_create(
        [Response(wave=wave, fellow_id=fellow_id) for fellow_id in fellows],
        ignore_conflicts=True,
    )
    pending = Response.objects.filter(
        wave=wave, invited_at__isnull=True, submitted_at__isnull=True, fellow_id__in=fellows
    ).values_list("pk", flat=True)
    count = 0
    for response_id in pending:
        enqueue("evaluation.tasks.send_wave_invitation", response_id)
        count += 1
    Wave.objects.filter(pk=wave.pk, invitations_sent_at__isnull=True).update(
        invitations_sent_at=timezone.now()
    )
    return count


def wave_is_due_reminders(wave: Wave, day: datetime.date) -> bool:
    return (
        wave.is_open(day)
        and day >= wave.closes_on - datetime.timedelta(days=REMIND_DAYS_BEFORE_CLOSE)
        and day >= wave.opens_on + datetime.timedelta(days=REMIND_NOT_BEFORE_DAYS)
    )


def wave_remind(*, wave: Wave) -> int:
    """Email a reminder, once, to every invited fellow who has not submitted."""
    pending = Response.objects.filter(
        wave=wave,
        invited_at__isnull=False,
        submitted_at__isnull=True,
        reminder_sent_at__isnull=True,
        fellow_id__in=_active_fellow_ids(wave.cohort_id),
    ).values_list("pk", flat=True)
    count = 0
    for response_id in pending:
        enqueue("evaluation.tasks.send_wave_reminder", response_id)
        count += 1
    return count


# Answers and ratings.


def _check_open(wave: Wave) -> None:
    reason = wave.closed_reason()
    if reason:
        raise ValidationError(reason)


def _check_value(value: int, low: int, high: int, label: str) -> None:
    if not low <= value <= high:
        raise ValidationError(f"Choose a number from {low} to {high} for “{label}”.")


def _replace(model, owner: dict, values: Mapping, key_field: str) -> None:
    """Make the rows of `model` for `owner` match `values` ({key: value or None})."""
    model.objects.filter(**owner, **{f"{key_field}__in": list(values)}).delete()
    model.objects.bulk_create(
        model(**owner, **{f"{key_field}_id": key, "value": value})
        for key, value in values.items()
        if value is not None
    )


def _check_items(wave: Wave, values: Mapping[int, int | None], kind: str, unknown: str) -> None:
    """Each value is for an item of `kind` in the wave's framework, and on its scale."""
    items = {
        indicator.pk: indicator
        for indicator in Indicator.objects.filter(domain__framework_id=wave.framework_id, kind=kind)
    }
    for indicator_id, value in values.items():
        indicator = items.get(indicator_id)
        if indicator is None:
            raise ValidationError(unknown)
        if value is not None:
            _check_value(value, indicator.scale_min, indicator.scale_max, indicator.statement)


@transaction.atomic
def response_save(
    *,
    wave: Wave,
    fellow: User,
    answers: Mapping[int, int | None],
    looking_back: Mapping[int, int | None] | None = None,
    submit: bool = False,
) -> Response:
    """Save a fellow's answers as a draft, or submit them. Nothing is saved on an error.

    `answers` maps self-assessment indicator ids to a value (None: left blank);
    `looking_back` maps domain ids to a value, at the end wave only. Once
    submitted, a response stays submitted; changes are allowed until the wave
    closes and the fellow's scores are worked out again each time.
    """
    _check_open(wave)
    if not _is_active_fellow(fellow, wave.cohort_id):
        raise ValidationError("Only fellows of this cohort can answer its self-assessment.")
    _check_items(
        wave,
        answers,
        Indicator.Kind.SELF_ASSESSMENT,
        "One of the statements is not part of this wave.",
    )
    looking_back = looking_back or {}
    if looking_back and not wave.asks_looking_back:
        raise ValidationError("Looking back is asked at the end wave only.")
    domains = {
        domain.pk: domain for domain in Domain.objects.filter(framework_id=wave.framework_id)
    }
    for domain_id, value in looking_back.items():
        if domain_id not in domains:
            raise ValidationError("One of the domains is not part of this wave.")
        if value is not None:
            _check_value(value, LOOKING_BACK_MIN, LOOKING_BACK_MAX, domains[domain_id].name)

    response, _ = Response.objects.select_for_update().get_or_create(wave=wave, fellow=fellow)
    _replace(Answer, {"response": response}, answers, "indicator")
    _replace(LookingBack, {"response": response}, looking_back, "domain")
    if submit:
        if not response.answers.exists():
            raise ValidationError("Answer at least one statement before you submit.")
        response.submitted_at = timezone.now()
        response.save(update_fields=["submitted_at", "updated"])
    else:
        response.save(update_fields=["updated"])
    if response.answers.exists():
        framework_freeze(framework=wave.framework)
    if response.submitted_at:
        scores_compute(wave=wave, fellow_ids=[fellow.pk])
    return response


@transaction.atomic
def ratings_save(
    *, wave: Wave, fellow: User, ratings: Mapping[int, int | None], rated_by: User
) -> None:
    """An adviser's ratings of one fellow for a wave ({indicator id: value or None})."""
    if not _is_active_fellow(fellow, wave.cohort_id):
        raise ValidationError("Only fellows of this cohort can be rated.")
    _check_items(
        wave,
        ratings,
        Indicator.Kind.ADVISER_RATING,
        "One of the items is not rated by advisers in this wave.",
    )
    AdviserRating.objects.filter(wave=wave, fellow=fellow, indicator_id__in=list(ratings)).delete()
    AdviserRating.objects.bulk_create(
        AdviserRating(
            wave=wave, fellow=fellow, indicator_id=indicator_id, value=value, rated_by=rated_by
        )
        for indicator_id, value in ratings.items()
        if value is not None
    )
    if any(value is not None for value in ratings.values()):
        framework_freeze(framework=wave.framework)
    scores_compute(wave=wave, fellow_ids=[fellow.pk])


# Scores.


def _item(indicator: Indicator, fellow_id: int, answers, ratings, evidence) -> Item:
    common = {
        "indicator_id": indicator.pk,
        "statement": indicator.statement,
        "kind": indicator.kind,
        "weight": float(indicator.weight),
        "scale_min": indicator.scale_min,
        "scale_max": indicator.scale_max,
    }
    if indicator.kind == Indicator.Kind.SELF_ASSESSMENT:
        return Item(**common, value=answers.get((fellow_id, indicator.pk)))
    if indicator.kind == Indicator.Kind.ADVISER_RATING:
        return Item(**common, value=ratings.get((fellow_id, indicator.pk)))
    measure = MEASURES.get(indicator.derived_key)
    found = evidence.get(indicator.derived_key, {}).get(fellow_id)
    if measure is None or found is None or found.value is None:
        note = found.note if found else "No data: this measure is not known to Pioneer."
        return Item(**common, value=None, note=note, counts=False)
    return Item(
        **common,
        value=measure.scale(found.value),
        raw=found.value,
        unit=measure.unit,
        records=found.records,
        note=found.note,
    )


@transaction.atomic
def scores_compute(*, wave: Wave, fellow_ids: Iterable[int] | None = None) -> int:
    """Work out and store the scores of a wave (or of some of its fellows).

    Fellows who have submitted get a score row per domain (its value null when
    too few items were answered); others have none. A fixed number of queries
    whatever the number of fellows.
    """
    submitted = Response.objects.filter(wave=wave, submitted_at__isnull=False)
    stale = Score.objects.filter(wave=wave)
    if fellow_ids is not None:
        fellow_ids = list(fellow_ids)
        submitted = submitted.filter(fellow_id__in=fellow_ids)
        stale = stale.filter(fellow_id__in=fellow_ids)
    fellows = list(submitted.values_list("fellow_id", flat=True).order_by("fellow_id"))
    stale.exclude(fellow_id__in=fellows).delete()
    if not fellows:
        return 0

    domains = list(wave.framework.domains.prefetch_related("indicators"))
    answers = {
        (fellow_id, indicator_id): value
        for fellow_id, indicator_id, value in Answer.objects.filter(
            response__in=submitted
        ).values_list("response__fellow_id", "indicator_id", "value")
    }
    ratings = {
        (fellow_id, indicator_id): value
        for fellow_id, indicator_id, value in AdviserRating.objects.filter(
            wave=wave, fellow_id__in=fellows
        ).values_list("fellow_id", "indicator_id", "value")
    }
    keys = {
        indicator.derived_key
        for domain in domains
        for indicator in domain.indicators.all()
        if indicator.kind == Indicator.Kind.DERIVED and indicator.derived_key in MEASURES
    }
    as_of = wave.evidence_date()
    evidence = measure_all(keys, wave.cohort, as_of, fellows)

    now = timezone.now()
    rows = []
    for fellow_id in fellows:
        for domain in domains:
            items = [
                _item(indicator, fellow_id, answers, ratings, evidence)
                for indicator in domain.indicators.all()
            ]
            result = domain_score(items)
            rows.append(
                Score(
                    wave=wave,
                    fellow_id=fellow_id,
                    domain=domain,
                    value=result.value,
                    answered=result.answered,
                    expected=result.expected,
                    evidence=[item.as_evidence() for item in items],
                    computed_at=now,
                )
            )
    Score.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["wave", "fellow", "domain"],
        update_fields=["value", "answered", "expected", "evidence", "computed_at"],
        batch_size=500,
    )
    return len(rows)
