"""Funding programs, meetings, people and commitments, under the same scopes as the dashboards."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from programs.actions import AttendeeInput, record_meeting, set_commitment_status
from programs.models import Commitment, FundingProgram, Meeting, MeetingQuerySet, Participation, Person
from programs.participation import participation_rates
from regions import codes
from regions.models import Region, subtree_q
from ucj.scopes import Scope, get_region_for_user, request_scope, require_entry_scope


def _visible_programs(scope: Scope) -> Q:
    return scope.q("funding_region_id") | Q(
        pk__in=Participation.objects.filter(scope.q("region_id")).values("program_id")
    )


def _visible_meetings(scope: Scope) -> MeetingQuerySet:
    return Meeting.objects.touching(scope.q("region_id"))


def _require_scope(request: HttpRequest) -> Scope:
    scope = request_scope(request)
    if scope.is_empty:
        raise Http404
    return scope


@require_GET
@login_required
def programs(request: HttpRequest) -> HttpResponse:
    scope = _require_scope(request)
    found = FundingProgram.objects.filter(_visible_programs(scope)).select_related("funding_region").distinct()
    return render(request, "programs/list.html", {"programs": found})


@require_GET
@login_required
def program(request: HttpRequest, program_id: int) -> HttpResponse:
    scope = _require_scope(request)
    item = get_object_or_404(FundingProgram.objects.filter(_visible_programs(scope)).distinct(), pk=program_id)
    overall, per_kecamatan = participation_rates(item.pk, item.funding_region)
    rows = item.participations.filter(scope.q("region_id")).select_related("region", "region__parent")
    context = {"program": item, "overall": overall, "per_kecamatan": per_kecamatan, "rows": rows}
    return render(request, "programs/detail.html", context)


@require_GET
@login_required
def meetings(request: HttpRequest) -> HttpResponse:
    scope = _require_scope(request)
    found = _visible_meetings(scope)
    region_code = request.GET.get("region", "").strip()
    if region_code:
        region = get_region_for_user(request, region_code)
        found = found.filter(pk__in=Meeting.objects.touching(subtree_q("region_id", region.code)))
    kind = request.GET.get("kind", "")
    if kind in Meeting.Kind.values:
        found = found.filter(kind=kind)
    year = request.GET.get("year", "")
    if year.isdigit():
        found = found.filter(date__year=int(year))
    context = {
        "meetings": found.prefetch_related("regions"),
        "kinds": Meeting.Kind.choices,
        "years": _visible_meetings(scope).dates("date", "year", order="DESC"),
        "chosen": {"region": region_code, "kind": kind, "year": year},
        "may_record": scope.may_enter_figures,
    }
    return render(request, "programs/meetings.html", context)


@require_GET
@login_required
def meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    scope = _require_scope(request)
    item = get_object_or_404(_visible_meetings(scope).prefetch_related("regions"), pk=meeting_id)
    context = {
        "meeting": item,
        "attendances": item.attendances.select_related("person"),
        "commitments": item.commitments.select_related("region", "who_person"),
        "today": timezone.localdate(),
        "may_record": scope.may_enter_figures,
    }
    return render(request, "programs/meeting.html", context)


@require_GET
@login_required
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    scope = _require_scope(request)
    item = get_object_or_404(Person, pk=person_id)
    attended = _visible_meetings(scope).filter(attendances__person=item).distinct()
    if not attended.exists() and not scope.is_admin:
        raise Http404
    context = {"person": item, "aliases": item.aliases.all(), "meetings": attended}
    return render(request, "programs/person.html", context)


@require_GET
@login_required
def commitments(request: HttpRequest) -> HttpResponse:
    scope = _require_scope(request)
    today = timezone.localdate()
    found = Commitment.objects.filter(scope.q("region_id")).select_related("region", "meeting", "who_person")
    region_code = request.GET.get("region", "").strip()
    if region_code:
        region = get_region_for_user(request, region_code)
        found = found.filter(subtree_q("region_id", region.code))
    status = request.GET.get("status", "")
    if status in Commitment.Status.values:
        found = found.filter(status=status)
    if request.GET.get("overdue"):
        found = found.overdue(today)
    context = {
        "commitments": found,
        "statuses": Commitment.Status.choices,
        "chosen": {"region": region_code, "status": status, "overdue": bool(request.GET.get("overdue"))},
        "today": today,
        "may_record": scope.may_enter_figures,
    }
    return render(request, "programs/commitments.html", context)


@require_POST
@login_required
def commitment_status(request: HttpRequest, commitment_id: int) -> HttpResponse:
    scope = require_entry_scope(request)
    item = get_object_or_404(Commitment, pk=commitment_id)
    if not scope.contains(item.region_id):
        raise PermissionDenied
    status = request.POST.get("status", "")
    if status not in Commitment.Status.values:
        messages.error(request, _("Unknown status."))
    else:
        set_commitment_status(item, status, request.user, request.POST.get("note", "").strip())
        messages.success(request, _("The commitment is now %(status)s.") % {"status": item.get_status_display()})
    return redirect(request.POST.get("next") or "commitments")


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Meeting.Kind.choices)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=250)
    date = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    venue = forms.CharField(label=gettext_lazy("Venue"), max_length=200, required=False)
    regions = forms.CharField(label=gettext_lazy("Region codes"), help_text=gettext_lazy("e.g. 13.02, 13.72"))
    attendees = forms.CharField(
        label=gettext_lazy("Attendees"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("One per line: name | position | institution; add * before the chair's name."),
    )
    figures_announced = forms.CharField(
        label=gettext_lazy("Figures announced"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    commitment = forms.CharField(
        label=gettext_lazy("Commitment made"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    commitment_who = forms.CharField(label=gettext_lazy("Committed by (institution)"), required=False, max_length=200)
    commitment_due = forms.DateField(
        label=gettext_lazy("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    source_url = forms.URLField(
        label=gettext_lazy("Source link"), required=False, max_length=500, assume_scheme="https"
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_regions(self) -> list[str]:
        found = [code.strip() for code in self.cleaned_data["regions"].replace(";", ",").split(",") if code.strip()]
        bad = [code for code in found if not codes.is_valid_code(code)]
        if bad or not found:
            raise forms.ValidationError(_("Give Kemendagri codes separated by commas, e.g. 13.02."))
        return found

    def attendee_inputs(self) -> list[AttendeeInput]:
        result = []
        for line in self.cleaned_data["attendees"].splitlines():
            parts = [part.strip() for part in line.split("|")]
            if not parts[0]:
                continue
            chair = parts[0].startswith("*")
            name = parts[0].lstrip("*").strip()
            position, institution = [*parts[1:3], "", ""][:2]
            result.append(AttendeeInput(name, position, institution, is_chair=chair))
        return result


@require_http_methods(["GET", "POST"])
@login_required
def meeting_new(request: HttpRequest) -> HttpResponse:
    scope = require_entry_scope(request)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        region_codes = form.cleaned_data["regions"]
        if any(not scope.contains(code) for code in region_codes):
            raise PermissionDenied
        regions = list(Region.objects.filter(code__in=region_codes))
        if len(regions) != len(set(region_codes)):
            form.add_error("regions", _("Some of these codes are not known regions."))
        else:
            data = form.cleaned_data
            commitments = []
            if data["commitment"].strip():
                commitments.append({
                    "what": data["commitment"].strip(), "who_institution": data["commitment_who"],
                    "due_date": data["commitment_due"], "region": regions[0],
                })  # fmt: skip
            item = record_meeting(
                user=request.user, kind=data["kind"], title=data["title"], date=data["date"], regions=regions,
                attendees=form.attendee_inputs(), commitments=commitments, venue=data["venue"],
                figures_announced=data["figures_announced"], source_url=data["source_url"], note=data["note"],
            )  # fmt: skip
            messages.success(request, _("Meeting recorded."))
            return redirect("meeting", item.pk)
    return render(request, "programs/meeting_form.html", {"form": form})
