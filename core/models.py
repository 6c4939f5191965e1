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


class Change(models.Model):
    """A write to a programme's, cohort's, person's or recruitment round's data:
    `core.changes` sums these into the stamps that key cached pages. Append-only and
    lock-free, so writers never wait on each other; `changes_compact` folds old rows into
    one per scope, keeping every sum."""

    programme_id = models.IntegerField(null=True, db_index=True)
    cohort_id = models.IntegerField(null=True, db_index=True)
    user_id = models.IntegerField(null=True, db_index=True)
    round_id = models.IntegerField(null=True, db_index=True)
    weight = models.PositiveIntegerField(default=1)

    def __str__(self):
        return f"change {self.pk}"
