"""A region's history of figures, reverts, and the admins' baseline and target forms."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.db.models.expressions import CombinedExpression
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regions import codes
from regions.actions import FigureInput, RevertRefused, delete_figure, revert_change, save_figures
from regions.coverage import BaselineRow, primary_of
from regions.models import Baseline, FigureChange, Region, Target
from regions.params import BadParameter
from regions.scopes import get_region_for_user, request_scope, require_admin_scope
from ucj.history.forms import BaselineForm, RevertForm, TargetForm
from ucj.templatetags.ucj import figure

CHANGES_PER_PAGE = 50
FORM = FigureChange.Channel.FORM


@require_GET
@login_required
def region_history(request: HttpRequest, code: str) -> HttpResponse:
    """Every change of the region's figures and those below it, newest first."""
    region = get_region_for_user(request, code)
    page = history_page(region, _id_param(request, "before"), _id_param(request, "after"))
    context = {
        "region": region,
        "page": page,
        "may_revert": request_scope(request).is_admin,
        "revert_form": RevertForm(),
    }
    return render(request, "ucj/history.html", context)


@dataclass(frozen=True)
class HistoryRow:
    """One change as the history table shows it, formatted here once: per-cell template work on a page
    of 50 rows cost more than the query (the country's history at national scale, docs/PERFORMANCE.md)."""

    pk: int
    when: str
    who: str
    through: str
    region_name: str
    region_code: str
    figure: str
    period: str
    action: str
    old: SafeString
    new: SafeString
    reason: str


def _values_html(values: dict[str, Any] | None) -> SafeString:
    shown = [(name, figure(value)) for name, value in (values or {}).items() if value is not None and value != ""]
    return format_html_join(" ", "<span>{}: {}</span>", shown) if shown else SafeString("–")


@dataclass(frozen=True)
class ChoiceLabels:
    """The labels of a change's choices, read once per page (get_FOO_display rebuilds its map on every call)."""

    actions: dict[str, str]
    channels: dict[str, str]
    kinds: dict[str, str]

    @classmethod
    def now(cls) -> ChoiceLabels:
        def labels(choices: list[tuple[str, Any]]) -> dict[str, str]:
            return {value: str(label) for value, label in choices}

        return cls(
            labels(FigureChange.Action.choices),
            labels(FigureChange.Channel.choices),
            labels(FigureChange.Kind.choices),
        )


def history_row(change: FigureChange, region_name: str, labels: ChoiceLabels) -> HistoryRow:
    user = change.user
    action = labels.actions.get(change.action, change.action)
    return HistoryRow(
        pk=change.pk,
        when=date_format(timezone.localtime(change.at), "j M Y H:i"),
        who=(user.get_full_name() or user.username) if user else _("system"),
        through=labels.channels.get(change.channel, change.channel),
        region_name=region_name,
        region_code=change.region_id,
        figure=labels.kinds.get(change.kind, change.kind),
        period=change.period,
        action=f"{action} (#{change.reverts_id})" if change.reverts_id else action,
        old=_values_html(change.old),
        new=_values_html(change.new),
        reason=change.reason,
    )


@dataclass
class HistoryPage:
    """One page of a history, newest first, found by position (keyset), not by counting what came before."""

    changes: list[FigureChange]
    has_newer: bool
    has_older: bool
    rows: list[HistoryRow] = field(default_factory=list)

    @property
    def newest_id(self) -> int | None:
        return self.changes[0].pk if self.changes else None

    @property
    def oldest_id(self) -> int | None:
        return self.changes[-1].pk if self.changes else None


def _newest_first(code: str) -> F | CombinedExpression:
    """The order of a subtree's changes, written so that PostgreSQL's plan holds without statistics.

    A country's or province's changes are a large share of the table: walking the primary key
    backwards finds a page at once. A kabupaten's or kecamatan's are few and may all be old, and
    without statistics PostgreSQL still walks the key (190 ms for a kecamatan at national scale);
    `id + 0` is the same order that no index serves, so it reads the subtree by its region index and
    sorts those few rows (1 ms). A village needs neither: its equality meets the (region, id) index.
    """
    if codes.level_of(code) in (2, 3):
        return F("id") + 0
    return F("id")


def history_page(region: Region, before: int | None, after: int | None) -> HistoryPage:
    """The changes at or below `region` older than change `before` (or newer than `after`), CHANGES_PER_PAGE at most.

    No COUNT(*) and no OFFSET: with a million changes in the country's history,
    a page costs the same as the first.
    """
    changes = FigureChange.objects.within(region.code).select_related("user")
    newest_first = _newest_first(region.code)
    if after is not None:
        found = list(changes.filter(id__gt=after).order_by(newest_first.asc())[: CHANGES_PER_PAGE + 1])
        page = HistoryPage(list(reversed(found[:CHANGES_PER_PAGE])), len(found) > CHANGES_PER_PAGE, True)
    else:
        if before is not None:
            changes = changes.filter(id__lt=before)
        found = list(changes.order_by(newest_first.desc())[: CHANGES_PER_PAGE + 1])
        page = HistoryPage(found[:CHANGES_PER_PAGE], before is not None, len(found) > CHANGES_PER_PAGE)
    # Region names read for the page's rows only: the history outlives regions an undo removed.
    names = dict(Region.objects.filter(code__in={c.region_id for c in page.changes}).values_list("code", "name"))
    labels = ChoiceLabels.now()
    page.rows = [history_row(change, names.get(change.region_id, ""), labels) for change in page.changes]
    return page


def _id_param(request: HttpRequest, name: str) -> int | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 18:
        raise BadParameter(_("%(value)r is not a position in the history.") % {"value": raw[:40]})
    return int(raw)


def _get_change_for_admin(request: HttpRequest, change_id: int) -> FigureChange:
    """A change in the history, to an admin (others get 403)."""
    require_admin_scope(request)
    return get_object_or_404(FigureChange.objects.select_related("region"), pk=change_id)


@require_POST
@login_required
def revert(request: HttpRequest, change_id: int) -> HttpResponse:
    change = _get_change_for_admin(request, change_id)
    form = RevertForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for the revert."))
    else:
        try:
            revert_change(change, user=request.user, reason=form.cleaned_data["reason"])
        except RevertRefused as refused:
            messages.error(request, revert_refused_message(refused))
        else:
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
                values = {
                    "kind": data["kind"], "count": data["count"], "source": data["source"], "primary": data["primary"],
                }  # fmt: skip
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
            identity = {"kind": request.POST.get("kind", "")} if kind == "baseline" else None
            reason = request.POST.get("reason", "").strip()
            if not reason:
                messages.error(request, _("Give a reason for deleting it."))
            elif delete_figure(
                kind, region.code, year, user=request.user, channel=FORM, reason=reason, identity=identity
            ):
                messages.success(request, _("Deleted; the old value is kept in the history."))
            return redirect("region_figures", region.code)
    context = {
        "region": region,
        "baselines": baselines_with_primary(region),
        "targets": Target.objects.filter(region=region).order_by("-year"),
        "baseline_form": baseline_form,
        "target_form": target_form,
    }
    return render(request, "ucj/figures.html", context)


def revert_refused_message(refused: RevertRefused) -> str:
    """Why a revert was refused, naming the later changes it would have thrown away."""
    later = "; ".join(
        _("%(when)s by %(who)s")
        % {
            "when": date_format(timezone.localtime(change.at), "j F Y H:i"),
            "who": (change.user.get_full_name() or change.user.username) if change.user else _("the system"),
        }
        for change in refused.later[:5]
    )
    return _(
        "Not reverted: this figure was changed again afterwards (%(later)s). Reverting this change would throw "
        "that work away; revert the latest change first, or change the figure directly."
    ) % {"later": later or _("by a change not in the history")}


def baselines_with_primary(region: Region) -> list[tuple[Baseline, bool]]:
    """The region's baselines, newest year first, each with whether it is the basis in force that year."""
    rows = list(Baseline.objects.filter(region=region).order_by("-year", "kind"))
    by_year: dict[int, list[Baseline]] = {}
    for row in rows:
        by_year.setdefault(row.year, []).append(row)
    primaries: set[tuple[int, str]] = set()
    for year, found in by_year.items():
        chosen = primary_of([BaselineRow(row.kind, row.count, row.primary) for row in found])
        primaries.update((year, row.kind) for row in found if chosen and row.kind == chosen.kind)
    return [(row, (row.year, row.kind) in primaries) for row in rows]


def _save(request: HttpRequest, kind: str, year: int, code: str, values: dict, reason: str) -> None:
    result = save_figures(kind, year, [FigureInput(code, values)], user=request.user, channel=FORM, reason=reason)
    if result.written:
        messages.success(request, _("Saved; the change is in the history."))
    else:
        messages.info(request, _("Nothing changed."))
