"""Rounds: opening one for a cohort, changing it, and the criteria reviewers score."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from accounts.models import Cohort
from recruitment.models import ApplicationForm, Criterion, Round


def _check_form(cohort: Cohort, form: ApplicationForm | None) -> None:
    if form is not None and form.programme_id != cohort.programme_id:
        raise ValidationError({"form": "Choose one of this programme's application forms."})


@transaction.atomic
def round_create(
    *,
    cohort: Cohort,
    title: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    eligibility: str,
    places: int,
    blind: bool,
    form: ApplicationForm | None = None,
) -> Round:
    """Open a round for a cohort; without a form it gets a new, empty one to fill in."""
    _check_form(cohort, form)
    if form is None:
        form = ApplicationForm(programme=cohort.programme, name=f"{title.strip()} form")
        if ApplicationForm.objects.filter(
            programme=cohort.programme, name__iexact=form.name
        ).exists():
            raise ValidationError(
                {"title": "A form with this round's name exists: choose it, or another title."}
            )
        form.full_clean()
        form.save()
    round_ = Round(
        cohort=cohort,
        title=title.strip(),
        opens_at=opens_at,
        closes_at=closes_at,
        eligibility=eligibility.strip(),
        places=places,
        blind=blind,
        form=form,
    )
    round_.full_clean()
    round_.save()
    return round_


@transaction.atomic
def round_update(
    *,
    round_: Round,
    title: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    eligibility: str,
    places: int,
    blind: bool,
    form: ApplicationForm | None = None,
) -> Round:
    form = form or round_.form
    _check_form(round_.cohort, form)
    round_.title, round_.opens_at, round_.closes_at = title.strip(), opens_at, closes_at
    round_.eligibility, round_.places, round_.blind = eligibility.strip(), places, blind
    round_.form = form
    round_.full_clean()
    round_.save()
    return round_


@transaction.atomic
def criterion_create(*, round_: Round, name: str, description: str, weight: int) -> Criterion:
    order = (round_.criteria.aggregate(Max("order"))["order__max"] or 0) + 1
    criterion = Criterion(
        round=round_, order=order, name=name.strip(), description=description.strip(), weight=weight
    )
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def criterion_update(
    *, criterion: Criterion, name: str, description: str, weight: int
) -> Criterion:
    criterion.name, criterion.description, criterion.weight = (
        name.strip(),
        description.strip(),
        weight,
    )
    criterion.full_clean()
    criterion.save()
    return criterion
