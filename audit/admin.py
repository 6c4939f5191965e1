from django.contrib import admin

from audit.models import Event, Subject


class SubjectInline(admin.TabularInline):
    model = Subject
    fields = ["person"]
    readonly_fields = ["person"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Read-only: the trail is append-only, even for a superuser."""

    list_display = ["at", "action", "object_label", "actor", "actor_label", "programme", "ip"]
    list_filter = ["action", "object_type"]
    list_select_related = ["actor", "programme"]
    date_hierarchy = "at"
    inlines = [SubjectInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
