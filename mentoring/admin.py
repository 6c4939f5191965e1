from django.contrib import admin

from mentoring.models import Booking, MentoringRules, MentorProfile, Slot, WaitlistEntry


@admin.register(MentoringRules)
class MentoringRulesAdmin(admin.ModelAdmin):
    list_display = ["programme", "min_notice_hours", "cancellation_cutoff_hours",
                    "max_active_bookings", "default_monthly_limit"]  # fmt: skip


@admin.register(MentorProfile)
class MentorProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "programme", "organisation", "monthly_limit"]
    list_filter = ["programme"]
    search_fields = ["user__name", "user__email", "organisation"]
    raw_id_fields = ["user"]
    filter_horizontal = ["expertise"]


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    list_display = ["mentor", "programme", "starts_at", "ends_at", "cancelled_at"]
    list_filter = ["programme"]
    search_fields = ["mentor__name", "mentor__email"]
    raw_id_fields = ["mentor"]
    date_hierarchy = "starts_at"


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["fellow", "slot", "status", "starts_at", "fellow_rating"]
    list_select_related = ["fellow", "slot__mentor"]
    list_filter = ["status", "cohort"]
    search_fields = ["fellow__name", "fellow__email", "slot__mentor__name"]
    raw_id_fields = ["slot", "fellow", "cancelled_by"]
    date_hierarchy = "starts_at"


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(admin.ModelAdmin):
    list_display = [
        "fellow",
        "mentor",
        "programme",
        "created",
        "offered_at",
        "notified_at",
        "expires_at",
    ]
    raw_id_fields = ["mentor", "fellow"]
