from django.contrib import admin

from privacy.models import Erasure, Export


@admin.register(Export)
class ExportAdmin(admin.ModelAdmin):
    list_display = ["person", "requested_at", "ready_at", "expires_at", "deleted_at"]
    readonly_fields = ["person", "file", "ready_at", "expires_at", "deleted_at", "emailed_at"]


@admin.register(Erasure)
class ErasureAdmin(admin.ModelAdmin):
    list_display = ["label", "programme", "reason", "requested_at", "done_at"]
    readonly_fields = [
        "person",
        "programme",
        "requested_by",
        "confirmed_by",
        "done_at",
        "reason",
        "label",
    ]
