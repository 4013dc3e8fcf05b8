"""Entering a month's figures, and seeing who has reported."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from regions import codes
from regions.models import Branch, Region
from regions.months import MonthError, add_months, parse_month
from regions.scopes import Scope, get_region_for_user, require_entry_scope
from regions.validation import FigureError, check_month_not_in_future, is_locked
from ucj.entry.completeness import completeness, report_deadline
from ucj.entry.forms import GridReasonForm
from ucj.entry.grid import build_grid, grid_regions, rebuild_after_save, save_grid

RECENT_MONTHS = 12


def conflict_message() -> str:
    return _(
        "Someone else changed the rows marked below after you opened the form; they were not saved. "
        "The other rows were saved."
    )


@require_GET
@login_required
def entry_index(request: HttpRequest) -> HttpResponse:
    """Pick a month: the last twelve, each marked open or locked."""
    require_entry_scope(request)
    today = timezone.localdate()
    this_month = today.replace(day=1)
    months = [add_months(this_month, -offset) for offset in range(RECENT_MONTHS)]
    choices = [(month, is_locked(month, today, _lock_months())) for month in months]
    return render(request, "entry/index.html", {"choices": choices})


@require_http_methods(["GET", "POST"])
@login_required
def entry_grid(request: HttpRequest, month: str) -> HttpResponse:
    scope = require_entry_scope(request)
    try:
        chosen = parse_month(month)
    except MonthError:
        raise Http404 from None
    today = timezone.localdate()
    try:
        check_month_not_in_future(chosen, today)
    except FigureError as error:
        return render(request, "entry/refused.html", {"message": str(error)}, status=400)
    locked = is_locked(chosen, today, _lock_months())
    read_only = locked and not scope.is_admin
    parent, branch, branches = _grid_subject(request, scope)
    label, regions = grid_regions(parent, branch)

    if request.method == "POST":
        if read_only:
            raise PermissionDenied
        _refuse_regions_outside(request, scope)
        grid = build_grid(label, regions, chosen, data=request.POST)
        reason_form = GridReasonForm(request.POST)
        reason_form.is_valid()
        reason = (reason_form.cleaned_data.get("reason") or "").strip()
        if locked and not reason:
            grid.errors.append(_("This month is locked: give a reason for changing it. Nothing was saved."))
        else:
            saved = save_grid(grid, request.user, reason or grid.reasons())
            attention = len(grid.invalid_rows) + len(saved.conflicts)
            messages.success(
                request,
                ngettext("%(count)d figure saved.", "%(count)d figures saved.", saved.written)
                % {"count": saved.written},
            )
            if not attention:
                return redirect(request.get_full_path())
            messages.warning(
                request,
                ngettext(
                    "%(count)d row needs your attention: its reason is shown on the row.",
                    "%(count)d rows need your attention: each reason is shown on its row.",
                    attention,
                )
                % {"count": attention},
            )
            if saved.conflicts:
                grid.errors.append(conflict_message())
            grid = rebuild_after_save(grid)
    else:
        grid = build_grid(label, regions, chosen, read_only=read_only)
        reason_form = GridReasonForm()

    context = {
        "grid": grid,
        "month": chosen,
        "locked": locked,
        "read_only": read_only,
        "parent": parent,
        "branch": branch,
        "branches": branches,
        "reason_form": reason_form,
        "previous_month": add_months(chosen, -1),
        "next_month": add_months(chosen, 1) if add_months(chosen, 1) <= today.replace(day=1) else None,
    }
    return render(request, "entry/grid.html", context)


@require_GET
@login_required
def entry_completeness(request: HttpRequest) -> HttpResponse:
    scope = require_entry_scope(request)
    today = timezone.localdate()
    raw = request.GET.get("month")
    try:
        month = parse_month(raw) if raw else add_months(today.replace(day=1), -1)
    except MonthError:
        return render(request, "ucj/bad_month.html", {"value": raw}, status=400)
    if scope.is_admin:
        branches = list(Branch.objects.order_by("name"))
    else:
        branch_pk = scope.branch.pk if scope.branch else None
        branches = list(Branch.objects.filter(Q(pk=branch_pk) | Q(parent_id=branch_pk)))
    context = {
        "month": month,
        "deadline": report_deadline(month),
        "branches": completeness(branches, month, today),
        "previous_month": add_months(month, -1),
        "next_month": add_months(month, 1),
    }
    return render(request, "entry/completeness.html", context)


def _lock_months() -> int:
    return settings.UCJ_LOCK_MONTHS


def _grid_subject(request: HttpRequest, scope: Scope) -> tuple[Region | None, Branch | None, list[Branch]]:
    """Whose rows the grid lists: a region's children (?region=), or a branch's regions (admins pick ?branch=)."""
    parent = None
    if request.GET.get("region"):
        try:
            parent = get_region_for_user(request, request.GET["region"])
        except Http404:
            # Reading outside the scope looks like a missing page; writing there is refused outright.
            if request.method == "POST":
                raise PermissionDenied from None
            raise
    if not scope.is_admin:
        return parent, scope.branch, []
    branches = list(Branch.objects.order_by("name"))
    chosen = request.GET.get("branch", "")
    branch = next((b for b in branches if str(b.pk) == chosen), branches[0] if branches else None)
    return parent, branch, branches


def _refuse_regions_outside(request: HttpRequest, scope: Scope) -> None:
    """A posted figure for a region outside the user's scope refuses the whole save: 403, nothing written."""
    for key in request.POST:
        code = key.rsplit("-", 1)[0]
        if "-" in key and codes.is_valid_code(code) and not scope.contains(code):
            raise PermissionDenied
