from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from regions import codes
from regions.actions import (
    FIGURE_TYPES,
    FigureInput,
    delete_figure,
    enrolment_contexts,
    remove_regions,
    save_figures,
    save_regions,
)
from regions.coverage import SEGMENTS
from regions.models import Baseline, Branch, Enrolment, FigureChange, Profile, Region, Target
from regions.validation import figure_problems


class FigureAdminForm(forms.ModelForm):
    reason = forms.CharField(label=_("Reason for the change"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    @property
    def confirmed(self) -> bool:
        return False


class EnrolmentAdminForm(FigureAdminForm):
    """A figure edited in the admin meets the same rules as one typed in the grid or imported."""

    confirm = forms.BooleanField(label=_("I confirm this change"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        region, month, participants = data.get("region"), data.get("month"), data.get("participants")
        if region is None or month is None or participants is None:
            return data
        context = enrolment_contexts(month.replace(day=1), [region.code])[region.code]
        segments = {name: data.get(name) for name in SEGMENTS}
        for problem in figure_problems(
            participants, segments, context, confirmed=self.confirmed, threshold_pct=settings.UCJ_CHANGE_CONFIRM_PCT
        ):
            self.add_error("confirm" if problem.field == "confirm" else problem.field, problem.message)
        return data

    @property
    def confirmed(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return bool(data.get("confirm") and (data.get("reason") or "").strip())


def _region_code(record: Model) -> str:
    """The region a figure, baseline or target belongs to."""
    return str(getattr(record, "region_id"))  # noqa: B009  (every figure model has it; Model does not say so)


class FigureAdmin(admin.ModelAdmin):
    """Admin pages for figures write through regions.actions, so every change lands in the history."""

    form = FigureAdminForm
    figure_kind = ""

    def save_model(self, request: HttpRequest, obj: Model, form: forms.ModelForm, change: bool) -> None:
        figure_type = FIGURE_TYPES[self.figure_kind]
        period = getattr(obj, figure_type.period_field)
        if change and obj.pk:
            # The region, period or kind may have been edited: the old row goes, recorded, before the new one is set.
            before = type(obj)._default_manager.get(pk=obj.pk)
            before_period = getattr(before, figure_type.period_field)
            if (figure_type.record_key(before), before_period) != (figure_type.record_key(obj), period):
                delete_figure(
                    self.figure_kind, _region_code(before), before_period, user=request.user,
                    channel=FigureChange.Channel.ADMIN, reason=form.cleaned_data.get("reason", ""),
                    identity={name: getattr(before, name) for name in figure_type.identity},
                )  # fmt: skip
        values = {name: getattr(obj, name) for name in figure_type.fields}
        confirmed = getattr(form, "confirmed", False)
        save_figures(
            self.figure_kind, period, [FigureInput(_region_code(obj), values, confirmed=confirmed)], user=request.user,
            channel=FigureChange.Channel.ADMIN, reason=form.cleaned_data.get("reason", ""),
        )  # fmt: skip
        identity = {name: getattr(obj, name) for name in figure_type.identity}
        saved = type(obj)._default_manager.get(
            region_id=_region_code(obj), **{figure_type.period_field: period}, **identity
        )
        obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        figure_type = FIGURE_TYPES[self.figure_kind]
        delete_figure(
            self.figure_kind, _region_code(obj), getattr(obj, figure_type.period_field), user=request.user,
            channel=FigureChange.Channel.ADMIN, identity={name: getattr(obj, name) for name in figure_type.identity},
        )  # fmt: skip

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


class RegionAdminForm(forms.ModelForm):
    class Meta:
        model = Region
        fields = ["code", "name"]

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        parent = codes.parent_code(code) if codes.is_valid_code(code) else None
        if not codes.is_valid_code(code) or code == codes.COUNTRY_CODE:
            raise forms.ValidationError(_("A Kemendagri code such as 13.02 or 13.02.04.2001."))
        if parent and not Region.objects.filter(code=parent).exists():
            raise forms.ValidationError(_("Its parent region %(parent)s does not exist yet.") % {"parent": parent})
        return code


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]
    list_select_related = ["parent"]

    """Regions are created, renamed and removed through regions.actions: recorded, totals kept."""

    form = RegionAdminForm
    fields = ["code", "name"]

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        # The code is the identity: a region is never re-coded, only renamed.
        return ["code"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Model, form: forms.ModelForm, change: bool) -> None:
        save_regions({obj.pk: str(getattr(obj, "name"))}, user=request.user, channel=FigureChange.Channel.ADMIN)  # noqa: B009

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        if not remove_regions([obj.pk], user=request.user, channel=FigureChange.Channel.ADMIN):
            messages.error(
                request, _("%(region)s is still in use (figures, regions below it, a branch): kept.") % {"region": obj}
            )

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        remove_regions([obj.pk for obj in queryset], user=request.user, channel=FigureChange.Channel.ADMIN)


@admin.register(Branch)
class BranchAdmin(admin.ModelAdmin):
    list_display = ["name", "parent"]
    search_fields = ["name", "regions__code", "regions__name"]
    autocomplete_fields = ["regions"]
    list_select_related = ["parent"]


@admin.register(Baseline)
class BaselineAdmin(FigureAdmin):
    figure_kind = "baseline"
    list_display = ["region", "year", "kind", "count", "primary"]
    list_filter = ["year", "kind", "region__branches", "region__kind"]
    search_fields = ["region__code", "region__name"]
    raw_id_fields = ["region"]
    list_select_related = ["region"]


@admin.register(Enrolment)
class EnrolmentAdmin(FigureAdmin):
    form = EnrolmentAdminForm
    figure_kind = "enrolment"
    list_display = ["region", "month", "participants", "pu", "bpu", "jakon", "pmi", "provenance", "published_pct"]
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


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "branch", "region", "language", "email_reminders", "monthly_summary"]
    list_filter = ["role", "branch"]
    search_fields = ["user__username", "region__code", "region__name"]
    raw_id_fields = ["user", "region"]
    list_select_related = ["user", "branch", "region"]
