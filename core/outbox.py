"""Tasks that could not be sent now wait in the database and are sent later.

`send` publishes a task to the broker, or keeps it in the outbox when the broker cannot be
reached. When tasks run in-process (no broker, the embedded default) a task that raises is
kept there too, so the request that enqueued it still answers. `sweep`, run by beat every
minute, sends the waiting tasks again and deletes each row only once it is sent: a task may
then run twice, never zero times, and Pioneer's tasks claim their row before sending
(`send_once`), so each email still goes once.
"""

import logging

from celery import current_app

from core.models import OutboxTask

logger = logging.getLogger(__name__)


def _text(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"


def _run_or_publish(task, args, kwargs) -> None:
    if task.app.conf.task_always_eager:
        # Run as the last try, so a failure raises the task's own error instead of a retry
        # inside the request; the outbox is the retry.
        task.apply(args=args, kwargs=kwargs, retries=task.max_retries or 0, throw=True)
    else:
        task.apply_async(args=args, kwargs=kwargs)


def send(task, args=(), kwargs=None) -> None:
    """Publish `task` (run it, when tasks run in-process); keep it in the outbox on failure."""
    args, kwargs = list(args), dict(kwargs or {})
    if isinstance(task, str):  # services name their tasks: importing them would be a loop
        task = _task(task)
    try:
        _run_or_publish(task, args, kwargs)
    except Exception as error:  # The broker is down, or the task failed in-process.
        logger.warning("Could not send %s (%s); it waits in the outbox", task.name, _text(error))
        _keep(task.name, args, kwargs, error)


def _keep(name: str, args: list, kwargs: dict, error: Exception) -> None:
    try:
        OutboxTask.objects.create(task=name, args=args, kwargs=kwargs, last_error=_text(error))
    except Exception:  # The database is down too: the request still answers.
        logger.exception("Could not keep %s%r in the outbox; it is lost", name, tuple(args))


def _task(name: str):
    # Every process registers every app's tasks when Django starts (fellowship's ready()).
    return current_app.tasks[name]


def sweep(*, limit: int = 500) -> int:
    """Send the waiting tasks, fewest tries first; stop at the first that fails again.

    Returns how many were sent.
    """
    sent = 0
    for row in OutboxTask.objects.order_by("attempts", "pk")[:limit]:
        try:
            _run_or_publish(_task(row.task), row.args, row.kwargs)
        except Exception as error:
            logger.warning("Outbox: %s still cannot be sent (%s)", row.task, _text(error))
            row.attempts += 1
            row.last_error = _text(error)
            row.save(update_fields=["attempts", "last_error"])
            break  # the broker (or SMTP, in-process) is still down: try again next sweep
        row.delete()
        sent += 1
    return sent
