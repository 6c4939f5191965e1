"""Parts that run elsewhere (Celery workers, beat) leave a stamp, so /healthz can tell
whether they are alive without asking them over the broker."""

from django.utils import timezone

from core.models import Heartbeat

BEAT = "beat"
WORKER_PREFIX = "worker:"


def stamp(name: str) -> None:
    Heartbeat.objects.update_or_create(name=name[:200], defaults={"seen_at": timezone.now()})
