"""A region's history of figures, reverts, and the admins' baseline and target forms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regions.actions import FigureInput, delete_figure, revert_change, save_figures
from regions.models import Baseline, FigureChange, Target, subtree_q
from ucj.forms import BaselineForm, RevertForm, TargetForm
from ucj.scopes import get_region_for_user, request_scope, require_admin_scope

CHANGES_PER_PAGE = 50
FORM = FigureChange.Channel.FORM


@require_GET
@login_required
def region_history(request: HttpRequest, code: str) -> HttpResponse:
    """Every change of the region's figures and those below it, newest first."""
    region = get_region_for_user(request, code)
    changes = FigureChange.objects.filter(subtree_q("region_id", region.code)).select_related("user", "region")
    page = Paginator(changes, CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "region": region,
        "page": page,
        "may_revert": request_scope(request).is_admin,
        "revert_form": RevertForm(),
    }
    return render(request, "ucj/history.html", context)


@require_POST
@login_required
def revert(request: HttpRequest, change_id: int) -> HttpResponse:
    require_admin_scope(request)
    change = get_object_or_404(FigureChange.objects.select_related("region"), pk=change_id)
    form = RevertForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for the revert."))
    else:
        revert_change(change, user=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The change was reverted; the revert is in the history."))
    return redirect("region_history", change.region_id)


@require_http_methods(["GET", "POST"])
@login_required
def region_figures(request: HttpRequest, code: str) -> HttpResponse:
    """Admins set a region's baselines and targets, year by year."""
    require_admin_scope(request)
    region = get_region_for_user(request, code)
    baseline_form, target_form = BaselineForm(prefix="baseline"), TargetForm(prefix="target")
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "baseline":
            baseline_form = BaselineForm(request.POST, prefix="baseline")
            if baseline_form.is_valid():
                data = baseline_form.cleaned_data
                values = {"kind": data["kind"], "count": data["count"], "source": data["source"]}
                _save(request, "baseline", data["year"], region.code, values, data["reason"])
                return redirect("region_figures", region.code)
        elif action == "target":
            target_form = TargetForm(request.POST, prefix="target")
            if target_form.is_valid():
                data = target_form.cleaned_data
                values = {"percentage": data["percentage"], "legal_basis": data["legal_basis"]}
                _save(request, "target", data["year"], region.code, values, data["reason"])
                return redirect("region_figures", region.code)
        elif action in {"delete-baseline", "delete-target"}:
            kind = action.removeprefix("delete-")
            try:
                year = int(request.POST.get("year", ""))
            except ValueError:
                raise Http404 from None
            reason = request.POST.get("reason", "").strip()
            if not reason:
                messages.error(request, _("Give a reason for deleting it."))
            elif delete_figure(kind, region.code, year, user=request.user, channel=FORM, reason=reason):
                messages.success(request, _("Deleted; the old value is kept in the history."))
            return redirect("region_figures", region.code)
    context = {
        "region": region,
        "baselines": Baseline.objects.filter(region=region).order_by("-year"),
        "targets": Target.objects.filter(region=region).order_by("-year"),
        "baseline_form": baseline_form,
        "target_form": target_form,
    }
    return render(request, "ucj/figures.html", context)


def _save(request: HttpRequest, kind: str, year: int, code: str, values: dict, reason: str) -> None:
    result = save_figures(kind, year, [FigureInput(code, values)], user=request.user, channel=FORM, reason=reason)
    if result.written:
        messages.success(request, _("Saved; the change is in the history."))
    else:
        messages.info(request, _("Nothing changed."))
