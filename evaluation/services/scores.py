"""Scores: each fellow's score per domain, worked out by the rule in evaluation.scoring."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from core.changes import record
from evaluation.changes import of_wave
from evaluation.evidence import MEASURES, measure_all
from evaluation.models import AdviserRating, Answer, Indicator, Response, Score, Wave
from evaluation.scoring import Item, domain_score


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
    record(of_wave(wave))
    return len(rows)
