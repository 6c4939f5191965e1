from django.contrib import admin

from projects.models import (
    Comment,
    EvidenceLink,
    ImpactStatement,
    Milestone,
    ProgressEntry,
    ProgressEntryRevision,
    Project,
    ShowcasePlace,
)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class ImpactStatementInline(admin.StackedInline):
    model = ImpactStatement
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "fellow", "cohort", "status", "updated"]
    list_filter = ["status", "cohort"]
    search_fields = ["title", "fellow__name", "fellow__email", "organisation"]
    raw_id_fields = ["fellow"]
    list_select_related = ["fellow", "cohort"]
    inlines = [MilestoneInline, ImpactStatementInline]


class EvidenceLinkInline(admin.TabularInline):
    model = EvidenceLink
    extra = 0


class CommentInline(admin.StackedInline):
    model = Comment
    extra = 0
    raw_id_fields = ["author"]


class RevisionInline(admin.StackedInline):
    model = ProgressEntryRevision
    extra = 0
    can_delete = False
    readonly_fields = [
        "edited_by",
        "edited_at",
        "happened_on",
        "what_happened",
        "rag",
        "blockers",
        "next_steps",
        "evidence",
    ]


@admin.register(ProgressEntry)
class ProgressEntryAdmin(admin.ModelAdmin):
    list_display = ["project", "happened_on", "rag", "author", "created"]
    list_filter = ["rag"]
    search_fields = ["project__title", "what_happened"]
    date_hierarchy = "happened_on"
    raw_id_fields = ["project", "author"]
    list_select_related = ["project", "author"]
    inlines = [EvidenceLinkInline, CommentInline, RevisionInline]


@admin.register(ShowcasePlace)
class ShowcasePlaceAdmin(admin.ModelAdmin):
    list_display = ["cohort", "position", "project"]
    list_filter = ["cohort"]
    raw_id_fields = ["project"]
    list_select_related = ["cohort", "project"]
