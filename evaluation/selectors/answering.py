"""Reads for the page where a fellow answers a wave."""

from evaluation.models import Domain, Response, Wave


def own_response(wave: Wave, user) -> Response | None:
    return (
        Response.objects.filter(wave=wave, fellow=user)
        .prefetch_related("answers", "looking_back")
        .first()
    )


def wave_domains(wave: Wave) -> list[Domain]:
    return list(
        Domain.objects.filter(framework_id=wave.framework_id).prefetch_related("indicators")
    )
