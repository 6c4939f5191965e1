"""Fellows' answers and advisers' ratings; each save works the fellow's scores out again."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Membership, User
from audit import services as audit
from core.changes import record
from evaluation.changes import of_wave
from evaluation.models import (
    LOOKING_BACK_MAX,
    LOOKING_BACK_MIN,
    AdviserRating,
    Answer,
    Domain,
    Indicator,
    LookingBack,
    Response,
    Wave,
)
from evaluation.scoring import answers_needed
from evaluation.services.frameworks import framework_freeze
from evaluation.services.scores import scores_compute


def _is_active_fellow(user: User, cohort_id: int) -> bool:
    return Membership.objects.active_fellows(cohort_id).filter(user=user).exists()


def _check_open(wave: Wave) -> None:
    reason = wave.closed_reason()
    if reason:
        raise ValidationError(reason)


def _check_value(value: int, low: int, high: int, label: str) -> None:
    if not low <= value <= high:
        raise ValidationError(f"Choose a number from {low} to {high} for “{label}”.")


def _replace(model, owner: dict, values: Mapping, key_field: str, label: str) -> dict:
    """Make the rows of `model` for `owner` match `values` ({key: value or None}).
    Returns what changed, {"<label> #<key>": [old, new]}, for the audit trail."""
    rows = model.objects.filter(**owner, **{f"{key_field}__in": list(values)})
    before = dict(rows.values_list(f"{key_field}_id", "value"))
    rows.delete()
    model.objects.bulk_create(
        model(**owner, **{f"{key_field}_id": key, "value": value})
        for key, value in values.items()
        if value is not None
    )
    return {
        f"{label} #{key}": [before.get(key), value]
        for key, value in values.items()
        if before.get(key) != value
    }


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


def _check_then(wave: Wave, then: Mapping[int, int | None]) -> dict[int, int]:
    """Each then-answer is for a statement of the wave asked looking back, on its scale.
    Returns {indicator id: domain id}."""
    if not then:
        return {}
    if not wave.asks_looking_back:
        raise ValidationError("Looking back is asked at the end wave only.")
    items = {
        indicator.pk: indicator
        for indicator in Indicator.objects.filter(
            domain__framework_id=wave.framework_id,
            kind=Indicator.Kind.SELF_ASSESSMENT,
            asks_then=True,
        )
    }
    for indicator_id, value in then.items():
        if indicator_id not in items:
            raise ValidationError("One of the statements is not asked looking back.")
        indicator = items[indicator_id]
        if value is not None:
            _check_value(value, indicator.scale_min, indicator.scale_max, indicator.statement)
    return {pk: items[pk].domain_id for pk in then}


@transaction.atomic
def response_save(
    *,
    wave: Wave,
    fellow: User,
    answers: Mapping[int, int | None],
    looking_back: Mapping[int, int | None] | None = None,
    then: Mapping[int, int | None] | None = None,
    submit: bool = False,
) -> Response:
    """Save a fellow's answers as a draft, or submit them. Nothing is saved on an error.

    `answers` maps self-assessment indicator ids to a value (None: left blank);
    `looking_back` maps domain ids to a value and `then` statements flagged `asks_then`
    to their value before the fellowship, both at the end wave only. Once
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

    then = then or {}
    then_domains = _check_then(wave, then)

    response, _ = Response.objects.select_for_update().get_or_create(wave=wave, fellow=fellow)
    changes = _replace(Answer, {"response": response}, answers, "indicator", "Statement")
    changes |= _replace(
        LookingBack,
        {"response": response, "indicator": None},
        looking_back,
        "domain",
        "Looking back on domain",
    )
    earlier = LookingBack.objects.filter(response=response, indicator_id__in=list(then))
    before = dict(earlier.values_list("indicator_id", "value"))
    earlier.delete()
    LookingBack.objects.bulk_create(
        LookingBack(response=response, indicator_id=pk, domain_id=then_domains[pk], value=value)
        for pk, value in then.items()
        if value is not None
    )
    record(of_wave(wave))
    changes |= {
        f"Before the fellowship, statement #{pk}": [before.get(pk), value]
        for pk, value in then.items()
        if before.get(pk) != value
    }
    # Answers are replaced in bulk, which sends no signal: the trail is written here.
    audit.values_record(obj=response, changes=changes)
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
    earlier = AdviserRating.objects.filter(wave=wave, fellow=fellow, indicator_id__in=list(ratings))
    before = dict(earlier.values_list("indicator_id", "value"))
    earlier.delete()
    AdviserRating.objects.bulk_create(
        AdviserRating(
            wave=wave, fellow=fellow, indicator_id=indicator_id, value=value, rated_by=rated_by
        )
        for indicator_id, value in ratings.items()
        if value is not None
    )
    record(of_wave(wave))
    # Replaced in bulk, which sends no signal: the trail is written here.
    audit.values_record(
        obj=wave,
        people=[fellow.pk],
        changes={
            f"Adviser rating of item #{pk}": [before.get(pk), value]
            for pk, value in ratings.items()
            if before.get(pk) != value
        },
    )
    if any(value is not None for value in ratings.values()):
        framework_freeze(framework=wave.framework)
    scores_compute(wave=wave, fellow_ids=[fellow.pk])


def domains_left_unscored(
    domains, answers: Mapping[int, int | None]
) -> list[tuple[Domain, int, int]]:
    """The domains whose statements `answers` leaves too blank to score, as (domain,
    statements, answers needed), so the fellow can be warned before submitting."""
    short = []
    for domain in domains:
        statements = [
            indicator.pk
            for indicator in domain.indicators.all()
            if indicator.kind == Indicator.Kind.SELF_ASSESSMENT
        ]
        needed = answers_needed(len(statements))
        if sum(answers.get(pk) is not None for pk in statements) < needed:
            short.append((domain, len(statements), needed))
    return short
