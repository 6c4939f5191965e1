from django.contrib import admin

from core.models import OutboxTask


@admin.register(OutboxTask)
class OutboxTaskAdmin(admin.ModelAdmin):
    """Read-only: the sweep sends and deletes these; deleting one by hand loses its task."""

    list_display = ["task", "args", "created_at", "attempts", "last_error"]
    list_filter = ["task"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
