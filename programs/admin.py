"""Admin pages for programs, participation, meetings and commitments write through programs.actions.

So the admin applies the same rules as every other channel and records each change as an Activity.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from programs.actions import (
    AttendeeInput,
    delete_commitment,
    delete_meeting,
    delete_participation,
    delete_program,
    save_commitment,
    save_meeting,
    save_participation,
    save_program,
)
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


def _values(record: models.Model, *, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """The fields the admin's form set on a record, by column (funding_region_id), for an action."""
    return {
        field.attname: getattr(record, field.attname)
        for field in record._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in leave_out
    }


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

    def save_model(self, request: HttpRequest, obj: FundingProgram, form: forms.ModelForm, change: bool) -> None:
        # Added under a name and year that a program already has, that program is updated: sheets name it so.
        values = _values(obj, leave_out=("name", "year"))
        written = save_program(
            user=request.user, name=obj.name, year=obj.year, values=values, pk=obj.pk if change else None
        )
        obj.pk = written.record.pk

    def save_formset(
        self, request: HttpRequest, form: forms.ModelForm, formset: forms.BaseModelFormSet, change: bool
    ) -> None:
        formset.save(commit=False)  # sorts the rows into new, changed and deleted for the admin's log; writes nothing
        for gone in formset.deleted_objects:
            delete_participation(gone, user=request.user)
        for item in [*formset.new_objects, *(changed for changed, _fields in formset.changed_objects)]:
            written = save_participation(
                user=request.user, program=form.instance, region_code=item.region_id,
                values=_values(item, leave_out=("program", "region")), pk=item.pk,
            )  # fmt: skip
            item.pk = written.record.pk

    def delete_model(self, request: HttpRequest, obj: FundingProgram) -> None:
        delete_program(obj, user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[FundingProgram]) -> None:
        with transaction.atomic():
            for obj in queryset:
                delete_program(obj, user=request.user)


class AliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 1


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "email"]
    search_fields = ["name", "aliases__alias", "email"]
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
    # A link typed without a scheme is taken as https (Django 6's default; 5.2 warns without this).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request: HttpRequest, obj: Meeting, form: forms.ModelForm, change: bool) -> None:
        """Nothing yet: save_related saves the meeting with its regions and attendees, in one action."""

    def save_related(
        self, request: HttpRequest, form: forms.ModelForm, formsets: list[forms.BaseModelFormSet], change: bool
    ) -> None:
        meeting = form.instance
        attendance = next(formset for formset in formsets if formset.model is Attendance)
        attendance.save(commit=False)  # sorts the rows into new, changed and deleted for the admin's log
        kept = [
            row.instance
            for row in attendance.forms
            if row not in attendance.deleted_forms and (row.instance.pk is not None or row.has_changed())
        ]
        written = save_meeting(
            user=request.user, title=meeting.title, date=meeting.date,
            values=_values(meeting, leave_out=("title", "date")),
            regions=[region.code for region in form.cleaned_data["regions"]],
            attendees=[
                AttendeeInput(a.named_as, a.position, a.institution, a.is_chair, person_id=a.person_id) for a in kept
            ],
            pk=meeting.pk if change else None,
        )  # fmt: skip
        meeting.pk = written.record.pk
        for formset in formsets:
            if formset.model is Commitment:
                _save_commitments(request, formset, meeting)

    def delete_model(self, request: HttpRequest, obj: Meeting) -> None:
        delete_meeting(obj, user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Meeting]) -> None:
        with transaction.atomic():
            for obj in queryset:
                delete_meeting(obj, user=request.user)


def _save_commitments(request: HttpRequest, formset: forms.BaseModelFormSet, meeting: Meeting) -> None:
    formset.save(commit=False)  # sorts the rows into new, changed and deleted for the admin's log; writes nothing
    for gone in formset.deleted_objects:
        delete_commitment(gone, user=request.user)
    for item in [*formset.new_objects, *(changed for changed, _fields in formset.changed_objects)]:
        values = {**_values(item, leave_out=("meeting",)), "meeting": meeting}
        item.pk = save_commitment(user=request.user, values=values, pk=item.pk).record.pk


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["what", "who_institution", "due_date", "status", "region"]
    list_filter = ["status"]
    search_fields = ["what", "who_institution", "region__code", "region__name"]
    raw_id_fields = ["region", "who_person", "meeting"]

    def save_model(self, request: HttpRequest, obj: Commitment, form: forms.ModelForm, change: bool) -> None:
        obj.pk = save_commitment(user=request.user, values=_values(obj), pk=obj.pk if change else None).record.pk

    def delete_model(self, request: HttpRequest, obj: Commitment) -> None:
        delete_commitment(obj, user=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Commitment]) -> None:
        with transaction.atomic():
            for obj in queryset:
                delete_commitment(obj, user=request.user)


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "action", "subject", "subject_id", "summary"]
    list_filter = ["action", "subject"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        # The activity log is what an import's undo reads: nobody deletes from it.
        return False
