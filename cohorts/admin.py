from django.contrib import admin

from cohorts.models import (
    Attendance,
    DevelopmentGoal,
    IntakeInterview,
    LearningSet,
    LearningSetMember,
    Session,
    Theme,
)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "programme"]
    list_filter = ["programme"]
    search_fields = ["name"]


class LearningSetMemberInline(admin.TabularInline):
    model = LearningSetMember
    raw_id_fields = ["fellow"]
    extra = 0


@admin.register(LearningSet)
class LearningSetAdmin(admin.ModelAdmin):
    list_display = ["name", "cohort", "facilitator"]
    list_filter = ["cohort"]
    list_select_related = ["cohort", "facilitator"]
    raw_id_fields = ["facilitator"]
    inlines = [LearningSetMemberInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "cohort", "starts_at", "ends_at", "sequence"]
    list_filter = ["kind", "cohort"]
    list_select_related = ["cohort"]
    date_hierarchy = "starts_at"
    search_fields = ["title"]
    readonly_fields = ["sequence", "created", "updated"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["session", "fellow", "status", "recorded_by", "recorded_at"]
    list_filter = ["status"]
    list_select_related = ["session", "fellow", "recorded_by"]
    raw_id_fields = ["session", "fellow", "recorded_by"]


class DevelopmentGoalInline(admin.TabularInline):
    model = DevelopmentGoal
    extra = 0


@admin.register(IntakeInterview)
class IntakeInterviewAdmin(admin.ModelAdmin):
    list_display = ["fellow", "cohort", "held_on", "motivation"]
    list_filter = ["cohort", "motivation"]
    list_select_related = ["fellow", "cohort"]
    raw_id_fields = ["fellow", "interviewer"]
    inlines = [DevelopmentGoalInline]
