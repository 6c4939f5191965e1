from django.db import models


class OutboxTask(models.Model):
    """A task that could not reach the broker (or failed when run in-process).

    `core.outbox.sweep` sends it again and deletes the row once it is on its way.
    """

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    attempts = models.PositiveIntegerField(default=1)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = "task waiting to be sent"
        verbose_name_plural = "tasks waiting to be sent"

    def __str__(self):
        return f"{self.task}{tuple(self.args)}"


class Heartbeat(models.Model):
    """When a part last showed it was alive: "beat", or "worker:<hostname>"."""

    name = models.CharField(max_length=200, unique=True)
    seen_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} at {self.seen_at:%Y-%m-%d %H:%M:%S}"
