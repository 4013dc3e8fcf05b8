from __future__ import annotations

from django.contrib import admin

from ucj.models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "branch", "region"]
    list_filter = ["role", "branch"]
    search_fields = ["user__username", "region__code", "region__name"]
    raw_id_fields = ["user", "region"]
    list_select_related = ["user", "branch", "region"]
