"""Equality monitoring: the applicant's optional answers, kept apart from the application."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.db import refused_when_busy
from recruitment.models import Application, EqualityResponse
from recruitment.selectors.equality import QUESTIONS


@refused_when_busy()
@transaction.atomic
def equality_save(*, application: Application, **answers: str) -> EqualityResponse:
    if timezone.now() >= application.round.closes_at:
        raise ValidationError("This round has closed: equality monitoring answers are final.")
    response = EqualityResponse.objects.filter(application=application).first()
    response = response or EqualityResponse(application=application)
    for name, _label, options in QUESTIONS:
        value = answers.get(name, "")
        if value and value not in dict(options):
            raise ValidationError({name: "Choose from the options given."})
        setattr(response, name, value)
    response.full_clean()
    response.save()
    return response
