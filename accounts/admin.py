from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import Cohort, Invitation, Membership, Programme, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """People are deactivated, never deleted: what they and others wrote hangs on the
    account. The "Deactivate selected accounts" action is added in fellowship/admin.py."""

    ordering = ["email"]
    list_display = ["email", "name", "is_active", "is_staff"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Personal", {"fields": ["name"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "name", "password1", "password2"]})]

    def has_delete_permission(self, request, obj=None):
        return False


class CohortInline(admin.TabularInline):
    model = Cohort
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "created"]
    inlines = [CohortInline]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "starts_on", "ends_on", "status"]
    list_filter = ["status", "programme"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "programme", "cohort", "organisation", "is_active"]
    list_filter = ["role", "is_active", "programme"]
    search_fields = ["user__email", "user__name", "organisation"]
    raw_id_fields = ["user"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "role", "programme", "cohort", "created", "sent_at", "accepted_at"]
    list_filter = ["role", "programme"]
    search_fields = ["email"]
    exclude = ["token_hash"]
