"""Funding programs, meetings, people and commitments, under the same scopes as the dashboards."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from programs.actions import record_meeting, set_commitment_status
from programs.forms import CommitmentStatusForm, MeetingForm
from programs.models import (
    Commitment,
    FundingProgram,
    Meeting,
    MeetingQuerySet,
    Person,
)
from programs.participation import participation_rates
from programs.queries import share_of_coverage
from regions.models import Region
from regions.params import year_param
from regions.scopes import Scope, get_region_for_user, request_scope, require_entry_scope
from regions.statements import share_of_coverage_sentence
from regions.validation import has_control_characters


def _visible_meetings(scope: Scope) -> MeetingQuerySet:
    return Meeting.objects.within(*scope.root_codes)


def _require_scope(request: HttpRequest) -> Scope:
    scope = request_scope(request)
    if scope.is_empty:
        raise Http404
    return scope


def _get_program_for_user(request: HttpRequest, program_id: int) -> FundingProgram:
    """The program if it is funded or taken part in within the user's regions; otherwise 404."""
    scope = _require_scope(request)
    return get_object_or_404(FundingProgram.objects.visible_within(*scope.root_codes).distinct(), pk=program_id)


def _get_meeting_for_user(request: HttpRequest, meeting_id: int) -> Meeting:
    """The meeting if it was about one of the user's regions; otherwise 404."""
    return get_object_or_404(_visible_meetings(_require_scope(request)).prefetch_related("regions"), pk=meeting_id)


def _get_person_for_user(request: HttpRequest, person_id: int) -> Person:
    """The person if they attended a meeting the user may see (admins see everyone); otherwise 404."""
    scope = _require_scope(request)
    item = get_object_or_404(Person, pk=person_id)
    if not scope.is_admin and not _visible_meetings(scope).filter(attendances__person=item).exists():
        raise Http404
    return item


def _get_rw_commitment_for_user(request: HttpRequest, commitment_id: int) -> Commitment:
    """A commitment the user may change: an officer's or admin's, in their regions; otherwise 403."""
    scope = require_entry_scope(request)
    item = get_object_or_404(Commitment, pk=commitment_id)
    if not scope.contains(item.region_id):
        raise PermissionDenied
    return item


@require_GET
@login_required
def programs(request: HttpRequest) -> HttpResponse:
    scope = _require_scope(request)
    found = FundingProgram.objects.visible_within(*scope.root_codes).select_related("funding_region").distinct()
    return render(request, "programs/list.html", {"programs": found})


@require_GET
@login_required
def program(request: HttpRequest, program_id: int) -> HttpResponse:
    scope = _require_scope(request)
    item = _get_program_for_user(request, program_id)
    # A reader who sees only part of the funding region sees only that part's villages, and not the
    # program-wide count its source reported.
    whole = scope.contains(item.funding_region_id)
    overall, per_kecamatan = participation_rates(item.pk, item.funding_region, None if whole else scope.root_codes)
    rows = item.participations.within(*scope.root_codes).select_related("region", "region__parent")
    context = {
        "program": item,
        "overall": overall,
        "per_kecamatan": per_kecamatan,
        "rows": rows,
        "only_within_scope": not whole,
        "share": _share_sentence(item) if whole else "",
    }
    return render(request, "programs/detail.html", context)


def _share_sentence(item: FundingProgram) -> str:
    share = share_of_coverage(item)
    if share is None:
        return ""
    return share_of_coverage_sentence(share.workers, item.funding_region.display_name, share.baseline, share.points)


@require_GET
@login_required
def meetings(request: HttpRequest) -> HttpResponse:
    scope = _require_scope(request)
    found = _visible_meetings(scope)
    region_code = request.GET.get("region", "").strip()
    if region_code:
        region = get_region_for_user(request, region_code)
        found = found.within(region.code)
    kind = request.GET.get("kind", "")
    if kind in Meeting.Kind.values:
        found = found.filter(kind=kind)
    year = year_param(request, "year")
    if year is not None:
        found = found.filter(date__year=year)
    context = {
        "meetings": found.prefetch_related("regions"),
        "kinds": Meeting.Kind.choices,
        "years": _visible_meetings(scope).dates("date", "year", order="DESC"),
        "chosen": {"region": region_code, "kind": kind, "year": str(year or "")},
        "may_record": scope.may_enter_figures,
    }
    return render(request, "programs/meetings.html", context)


@require_GET
@login_required
def meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    scope = _require_scope(request)
    item = _get_meeting_for_user(request, meeting_id)
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
    item = _get_person_for_user(request, person_id)
    attended = _visible_meetings(scope).filter(attendances__person=item).distinct()
    context = {"person": item, "aliases": item.aliases.all(), "meetings": attended}
    return render(request, "programs/person.html", context)


@require_GET
@login_required
def commitments(request: HttpRequest) -> HttpResponse:
    scope = _require_scope(request)
    today = timezone.localdate()
    found = Commitment.objects.within(*scope.root_codes).select_related("region", "meeting", "who_person")
    region_code = request.GET.get("region", "").strip()
    if region_code:
        region = get_region_for_user(request, region_code)
        found = found.within(region.code)
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
    item = _get_rw_commitment_for_user(request, commitment_id)
    form = CommitmentStatusForm(request.POST)
    if "status" in form.errors:
        messages.error(request, _("Unknown status."))
    elif not form.is_valid():
        messages.error(request, " ".join(str(message) for errors in form.errors.values() for message in errors))
    else:
        set_commitment_status(item, form.cleaned_data["status"], request.user, form.cleaned_data["note"].strip())
        messages.success(request, _("The commitment is now %(status)s.") % {"status": item.get_status_display()})
    return redirect(_local_next(request))


def _local_next(request: HttpRequest) -> str:
    """Where the form asked to go back to, if that is a path on this site; otherwise the commitments list."""
    target = request.POST.get("next", "")
    if (
        target.startswith("/")
        and not has_control_characters(target)
        and url_has_allowed_host_and_scheme(target, allowed_hosts=None)
    ):
        return target
    return reverse("commitments")


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
