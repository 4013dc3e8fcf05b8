from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from regions.actions import FIGURE_TYPES, FigureInput, delete_figure, save_figures
from regions.models import Baseline, Branch, Enrolment, FigureChange, Region, Target


class FigureAdminForm(forms.ModelForm):
    reason = forms.CharField(label=_("Reason for the change"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class FigureAdmin(admin.ModelAdmin):
    """Admin pages for figures write through regions.actions, so every change lands in the history."""

    form = FigureAdminForm
    figure_kind = ""

    def save_model(self, request: HttpRequest, obj: Model, form: forms.ModelForm, change: bool) -> None:
        figure_type = FIGURE_TYPES[self.figure_kind]
        period = getattr(obj, figure_type.period_field)
        if change and obj.pk:
            # The region or period may have been edited: the old row goes, recorded, before the new one is set.
            before = type(obj).objects.get(pk=obj.pk)
            if (before.region_id, getattr(before, figure_type.period_field)) != (obj.region_id, period):
                delete_figure(
                    self.figure_kind, before.region_id, getattr(before, figure_type.period_field), user=request.user,
                    channel=FigureChange.Channel.ADMIN, reason=form.cleaned_data.get("reason", ""),
                )  # fmt: skip
        values = {name: getattr(obj, name) for name in figure_type.fields}
        save_figures(
            self.figure_kind, period, [FigureInput(obj.region_id, values)], user=request.user,
            channel=FigureChange.Channel.ADMIN, reason=form.cleaned_data.get("reason", ""),
        )  # fmt: skip
        saved = type(obj).objects.get(region_id=obj.region_id, **{figure_type.period_field: period})
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        figure_type = FIGURE_TYPES[self.figure_kind]
        delete_figure(
            self.figure_kind, obj.region_id, getattr(obj, figure_type.period_field), user=request.user,
            channel=FigureChange.Channel.ADMIN,
        )  # fmt: skip

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


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
class BaselineAdmin(FigureAdmin):
    figure_kind = "baseline"
    list_display = ["region", "year", "kind", "count"]
    list_filter = ["year", "kind", "region__branches", "region__kind"]
    search_fields = ["region__code", "region__name"]
    raw_id_fields = ["region"]
    list_select_related = ["region"]


@admin.register(Enrolment)
class EnrolmentAdmin(FigureAdmin):
    figure_kind = "enrolment"
    list_display = ["region", "month", "participants", "pu", "bpu", "jakon", "pmi"]
    list_filter = ["month", "region__branches", "region__kind"]
    date_hierarchy = "month"
    search_fields = ["region__code", "region__name"]
    raw_id_fields = ["region"]
    list_select_related = ["region"]


@admin.register(Target)
class TargetAdmin(FigureAdmin):
    figure_kind = "target"
    list_display = ["region", "year", "percentage"]
    list_filter = ["year", "region__branches", "region__kind"]
    search_fields = ["region__code", "region__name"]
    raw_id_fields = ["region"]
    list_select_related = ["region"]


@admin.register(FigureChange)
class FigureChangeAdmin(admin.ModelAdmin):
    """The history is read-only: it is written by the changes themselves."""

    list_display = ["at", "user", "channel", "kind", "action", "region", "period", "reason"]
    list_filter = ["kind", "action", "channel"]
    search_fields = ["region__code", "region__name", "user__username", "reason"]
    list_select_related = ["user", "region"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
