from __future__ import annotations

from django.contrib import admin

from ucj.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "file_name", "status", "sha256"]
    list_filter = ["status"]
    search_fields = ["file_name", "sha256", "user__username"]
    exclude = ["content", "report"]
    readonly_fields = ["uid", "user", "file_name", "sha256", "status", "counts", "applied_at", "undone_at"]
