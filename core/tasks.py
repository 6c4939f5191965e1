from celery import shared_task

from core import changes, outbox
from core.heartbeat import BEAT, WORKER_PREFIX, stamp


@shared_task(bind=True)
def heartbeat(self) -> None:
    """Every minute (beat): beat scheduled this, and a worker ran it."""
    stamp(BEAT)
    stamp(WORKER_PREFIX + (self.request.hostname or "unknown"))


@shared_task
def sweep_outbox() -> int:
    """Every minute (beat): send the tasks that could not be sent when they were enqueued."""
    return outbox.sweep()


@shared_task
def changes_compact() -> int:
    """Nightly (beat): fold the change rows that key cached pages, keeping every stamp."""
    return changes.compact()
