"""The people admin's "Deactivate selected accounts". Deactivating ends roles (accounts) and
cancels mentoring sessions (mentoring), so the action is added here at the top, where every
app may be imported, rather than in accounts' own admin at the bottom."""

from django.contrib import admin, messages
from django.utils import timezone

from accounts.admin import UserAdmin
from accounts.models import User
from fellowship.people import account_deactivate
from privacy.selectors import not_erased
from privacy.services.erasure import erasure_now

admin.site.unregister(User)


@admin.register(User)
class PersonAdmin(UserAdmin):
    actions = ["deactivate", "erase"]

    @admin.action(description="Deactivate selected accounts", permissions=["change"])
    def deactivate(self, request, queryset):
        if queryset.filter(pk=request.user.pk).exists():
            self.message_user(request, "You cannot deactivate your own account.", messages.WARNING)
        people = list(queryset.exclude(pk=request.user.pk))
        now = timezone.now()
        cancelled = 0
        for person in people:
            cancelled += len(account_deactivate(user=person, by=request.user, now=now))
            self.log_change(request, person, "Deactivated: roles ended, records kept.")
        if not people:
            return
        sessions = (
            f" {cancelled} mentoring session{'s' if cancelled != 1 else ''} still to come "
            f"{'were' if cancelled != 1 else 'was'} cancelled, and everyone told."
            if cancelled
            else ""
        )
        self.message_user(
            request,
            f"Deactivated {len(people)} account{'s' if len(people) != 1 else ''}: "
            f"they can no longer sign in and their roles have ended. Their records are kept."
            f"{sessions}",
            messages.SUCCESS,
        )

    def has_erase_permission(self, request):
        return request.user.is_superuser

    # A superuser erases anyone at once, applicants with no role among them (privacy app).
    @admin.action(description="Erase selected people (cannot be undone)", permissions=["erase"])
    def erase(self, request, queryset):
        people = list(not_erased(queryset.exclude(pk=request.user.pk)))
        for person in people:
            erasure_now(person=person, by=request.user)
            person.refresh_from_db()
            self.log_change(request, person, "Erased: personal data anonymised, account closed.")
        self.message_user(
            request,
            f"Erased {len(people)} {'person' if len(people) == 1 else 'people'}.",
            messages.SUCCESS,
        )
