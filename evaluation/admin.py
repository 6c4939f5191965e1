from django.contrib import admin

from evaluation.models import (
    AdviserRating,
    Answer,
    Domain,
    Framework,
    Indicator,
    LookingBack,
    Response,
    Score,
    Wave,
)


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "programme", "frozen", "created"]
    list_filter = ["programme", "frozen"]
    inlines = [DomainInline]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["statement", "domain", "kind", "weight", "derived_key"]
    list_filter = ["kind", "domain__framework"]


@admin.register(Wave)
class WaveAdmin(admin.ModelAdmin):
    list_display = ["cohort", "kind", "opens_on", "closes_on", "framework", "invitations_sent_at"]
    list_filter = ["kind", "cohort__programme"]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    raw_id_fields = ["indicator"]


class LookingBackInline(admin.TabularInline):
    model = LookingBack
    extra = 0


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["fellow", "wave", "submitted_at", "invited_at", "reminder_sent_at"]
    list_filter = ["wave__kind", "wave__cohort"]
    raw_id_fields = ["fellow"]
    inlines = [AnswerInline, LookingBackInline]


@admin.register(AdviserRating)
class AdviserRatingAdmin(admin.ModelAdmin):
    list_display = ["fellow", "wave", "indicator", "value", "rated_by", "rated_at"]
    raw_id_fields = ["fellow", "rated_by", "indicator"]


@admin.register(Score)
class ScoreAdmin(admin.ModelAdmin):
    list_display = ["fellow", "wave", "domain", "value", "answered", "expected", "computed_at"]
    list_filter = ["wave__kind", "domain__key"]
    raw_id_fields = ["fellow"]
    readonly_fields = ["evidence"]
