from __future__ import annotations

from django.contrib import admin

from regions.models import Baseline, Branch, Enrolment, Region, Target


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]
    list_select_related = ["parent"]


@admin.register(Branch)
class BranchAdmin(admin.ModelAdmin):
    list_display = ["name", "parent"]
    search_fields = ["name", "regions__code", "regions__name"]
    autocomplete_fields = ["regions"]
    list_select_related = ["parent"]


@admin.register(Baseline)
class BaselineAdmin(admin.ModelAdmin):
    list_display = ["region", "year", "kind", "count"]
    list_filter = ["year", "kind", "region__branches", "region__kind"]
    search_fields = ["region__code", "region__name"]
    raw_id_fields = ["region"]
    list_select_related = ["region"]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["region", "month", "participants", "pu", "bpu", "jakon", "pmi"]
    list_filter = ["month", "region__branches", "region__kind"]
    date_hierarchy = "month"
    search_fields = ["region__code", "region__name"]
    raw_id_fields = ["region"]
    list_select_related = ["region"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["region", "year", "percentage"]
    list_filter = ["year", "region__branches", "region__kind"]
    search_fields = ["region__code", "region__name"]
    raw_id_fields = ["region"]
    list_select_related = ["region"]
