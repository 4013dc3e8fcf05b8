from __future__ import annotations

from django.contrib import admin

from programs.models import (
    Activity,
    Attendance,
    Commitment,
    FundingProgram,
    Meeting,
    Participation,
    Person,
    PersonAlias,
)


class ParticipationInline(admin.TabularInline):
    model = Participation
    raw_id_fields = ["region"]
    extra = 0


@admin.register(FundingProgram)
class FundingProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "funding_source", "funding_region", "year", "workers_funded", "budget_rupiah"]
    list_filter = ["funding_source", "year"]
    search_fields = ["name", "funding_region__code", "funding_region__name"]
    raw_id_fields = ["funding_region"]
    inlines = [ParticipationInline]


class AliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 1


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    search_fields = ["name", "aliases__alias"]
    inlines = [AliasInline]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    raw_id_fields = ["person"]
    extra = 0


class CommitmentInline(admin.StackedInline):
    model = Commitment
    raw_id_fields = ["region", "who_person"]
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "title", "venue"]
    list_filter = ["kind", "date"]
    search_fields = ["title", "venue", "regions__code", "regions__name"]
    filter_horizontal = ["regions"]
    inlines = [AttendanceInline, CommitmentInline]


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["what", "who_institution", "due_date", "status", "region"]
    list_filter = ["status"]
    search_fields = ["what", "who_institution", "region__code", "region__name"]
    raw_id_fields = ["region", "who_person", "meeting"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "action", "subject", "subject_id", "summary"]
    list_filter = ["action", "subject"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
