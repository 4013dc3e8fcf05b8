"""What a region's figures say, in words: the sentences every channel shows (page, CLI, downloads, reports).

Plain text in the active language, no HTML. Each sentence names what a number
covers, which month it is from and where it came from, so that an official who
reads it aloud is right; the page, the command line and the report all call
these functions and so say the same thing.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import npgettext

from regions import codes
from regions.coverage import ROLLED_UP, BaselineValue, RegionCoverage, WhatIf, round_pct
from regions.display import (
    EMPTY,
    baseline_kind_label,
    format_count,
    format_month,
    format_pct,
    format_points,
    format_published_pct,
    provenance_label,
)


def parts_word(code: str, count: int) -> str:
    """What a region's children are called: provinsi, kabupaten/kota, kecamatan, desa/kelurahan."""
    if not codes.is_valid_code(code):
        return npgettext("parts of a region", "region", "regions", count)
    level = codes.level_of(code)
    if level == 0:
        return npgettext("parts of a region", "province", "provinces", count)
    if level == 1:
        return npgettext("parts of a region", "regency or city", "regencies and cities", count)
    if level == 2:
        return npgettext("parts of a region", "district", "districts", count)
    return npgettext("parts of a region", "village", "villages", count)


def n_of_m(item: RegionCoverage, n: int | None = None) -> str:
    matched = item.children_reported if n is None else n
    return _("%(n)d of %(m)d %(parts)s") % {
        "n": matched,
        "m": item.children_total,
        "parts": parts_word(item.code, item.children_total),
    }


def coverage_label(item: RegionCoverage) -> str:
    """The heading of the coverage number: the region's, or only among the regions that reported."""
    if item.is_partial:
        return _("Coverage among reporting regions")
    return _("Coverage")


def what_it_covers(item: RegionCoverage) -> str:
    """Which regions the number covers and which month it is from."""
    month = format_month(item.month)
    if item.is_partial:
        text = _("%(n_of_m)s reported for %(month)s") % {"n_of_m": n_of_m(item), "month": month}
        share = item.workers_reported_pct
        if share is not None:
            text += "; " + _("they hold %(pct)s of the workers of %(region)s") % {
                "pct": format_pct(share),
                "region": item.name,
            }
        elif item.region_baseline is None:
            text += "; " + _("the baseline of %(region)s as a whole is not known") % {"region": item.name}
        return text
    if item.figure is None:
        if item.children_reporting:
            return _(
                "%(n)d of %(m)d %(parts)s reported for %(month)s, none with a baseline: no coverage can be given."
            ) % {
                "n": item.children_reporting,
                "m": item.children_total,
                "parts": parts_word(item.code, item.children_total),
                "month": month,
            }
        if item.children_total:
            return _("No figure covering %(region)s as a whole for %(month)s: see its parts below.") % {
                "region": item.name,
                "month": month,
            }
        return _("No figure for %(month)s.") % {"month": month}
    figure_month = format_month(item.figure_month)
    if item.figure.reported:
        text = _("Figure of %(region)s itself, %(month)s") % {"region": item.name, "month": figure_month}
    else:
        text = _("Sum of all %(m)d %(parts)s (complete), %(month)s") % {
            "m": item.children_total,
            "parts": parts_word(item.code, item.children_total),
            "month": figure_month,
        }
    if item.figure_carried_forward:
        text += " · " + _("no figure for %(month)s yet: shown as of %(latest)s, on its own year's baseline") % {
            "month": month,
            "latest": figure_month,
        }
    return text


def counts_sentence(item: RegionCoverage) -> str:
    """'31.442 participants of 226.964 (labour force, 2025)': the top and bottom of the ratio shown."""
    participants, baseline = item.participants, item.baseline
    if participants is None:
        return EMPTY
    if baseline is None:
        return _("%(participants)s participants; no baseline") % {"participants": format_count(participants.total)}
    return _("%(participants)s participants of %(baseline)s") % {
        "participants": format_count(participants.total),
        "baseline": baseline_text(item),
    }


def baseline_text(item: RegionCoverage) -> str:
    baseline = item.baseline
    if baseline is None:
        return EMPTY
    text = f"{format_count(baseline.count)} ({baseline_kind_label(baseline.kind)}, {baseline.year})"
    if baseline.rolled_up:
        text += " · " + _("summed")
    if baseline.carried_forward:
        text += " · " + _("from an earlier year")
    return text


def provenance_sentence(item: RegionCoverage) -> str:
    """Where the figure came from, with its source."""
    provenance = item.provenance
    if provenance is None:
        return ""
    if provenance == ROLLED_UP:
        return _("Rolled up: the sum of the figures of %(n_of_m)s.") % {"n_of_m": n_of_m(item)}
    label = provenance_label(provenance).capitalize()
    source = item.source.strip()
    if source:
        return f"{label}: {source}"
    if provenance == "entered":
        return _("Entered in the monthly entry grid (see the history of figures).")
    return label + "."


def published_sentence(item: RegionCoverage) -> str:
    """What the source itself published beside its count, set against our own arithmetic."""
    published = item.published_pct
    if published is None:
        return ""
    if item.published_pct_matches:
        return _("The source published %(published)s.") % {"published": format_published_pct(published)}
    computed = item.coverage_pct
    return _(
        "The source published %(published)s, but its own numbers give %(computed)s (a difference of %(points)s points)."
    ) % {
        "published": format_published_pct(published),
        "computed": format_pct(computed),
        "points": format_points(abs(round_pct(computed) - round_pct(published)) if computed is not None else None),
    }


def published_uncovered_sentence(item: RegionCoverage) -> str:
    published = item.published_uncovered
    if published is None:
        return ""
    uncovered = (
        item.figure.baseline.count - item.figure.participants.total if item.figure and item.figure.baseline else None
    )
    return _(
        "The source published about %(published)s workers not yet protected; its own numbers give %(computed)s."
    ) % {
        "published": format_count(published),
        "computed": format_count(uncovered),
    }


def gap_label(item: RegionCoverage) -> str:
    if item.is_partial:
        return _("Gap to target among reporting regions")
    if item.gap_is_estimate:
        return _("Gap to target (estimate)")
    return _("Gap to target")


def gap_sentence(item: RegionCoverage) -> str:
    """The gap in words, saying whose it is and how sure it is."""
    if item.is_partial:
        among = item.among_reporting
        if among is None or among.gap_to_target is None:
            return ""
        return _(
            "Among the %(n_of_m)s that reported, %(gap)s more participants would reach the target; "
            "the gap of %(region)s as a whole is not known."
        ) % {"n_of_m": n_of_m(item), "gap": format_count(among.gap_to_target), "region": item.name}
    gap = item.gap_to_target
    if gap is None or item.target is None:
        return ""
    if item.gap_is_estimate:
        return _(
            "Estimate: %(gap)s more participants would reach the %(year)d target, counting from the figure of "
            "%(month)s against the baseline in force in %(year)d."
        ) % {"gap": format_count(gap), "year": item.month.year, "month": format_month(item.figure_month)}
    if item.reached_by_new_basis_only:
        change = item.denominator_change
        return _(
            "On the new baseline the figure is at the target, but only because the baseline changed: on the "
            "old one it would be %(old)s, below the target of %(target)s."
        ) % {
            "old": format_pct(change.coverage_on_old_basis if change else None),
            "target": format_pct(item.target.percentage),
        }
    if item.target_reached:
        return _("The target for %(year)d has been reached.") % {"year": item.month.year}
    return ""


def pace_sentence(item: RegionCoverage) -> str:
    if item.is_partial:
        among = item.among_reporting
        if among is None or among.pace_needed is None or among.gap_to_target == 0:
            return ""
        return _("Among reporting regions: %(count)s more participants per month until December.") % {
            "count": format_count(among.pace_needed)
        }
    pace = item.pace_needed
    if pace is None or pace == 0:
        return ""
    estimate = item.gap_is_estimate
    if item.month.month == 12:
        text = _("%(count)s more participants are needed this month to reach the target.")
    else:
        text = _("%(count)s more participants are needed per month until December.")
    text = text % {"count": format_count(pace)}
    return text + (" " + _("(estimate)") if estimate else "")


def recent_pace_text(item: RegionCoverage) -> str:
    pace = item.among_reporting.recent_pace if item.is_partial and item.among_reporting else item.recent_pace
    if pace is None:
        return _("not enough months with figures on the same basis yet")
    signed = ("+" if pace > 0 else "") + format_count(round(pace))
    return _("%(count)s per month over the last months with figures on the same basis") % {"count": signed}


def forecast_sentence(item: RegionCoverage) -> str:
    prediction = item.forecast
    if prediction is None or item.target is None:
        return ""
    if prediction.already_reached:
        return ""
    if prediction.month is not None:
        return _("At the recent pace the target is reached in %(month)s.") % {"month": format_month(prediction.month)}
    return _("At the recent pace the target is not reached this year: %(count)s a month would be needed.") % {
        "count": format_count(item.pace_needed)
    }


def basis_change_sentence(item: RegionCoverage) -> str:
    """A change of coverage between two figures on different baselines, split into enrolment and basis."""
    change = item.denominator_change
    if change is None or item.previous_figure is None or item.figure is None:
        return ""
    return _(
        "From %(before)s (%(before_month)s) to %(after)s (%(after_month)s): %(enrolment)s points from enrolment "
        "and %(basis)s points from the new baseline (%(old_kind)s %(old_year)d: %(old)s → %(new_kind)s "
        "%(new_year)d: %(new)s)."
    ) % {
        "before": format_pct(item.previous_figure.coverage_pct),
        "before_month": format_month(item.previous_figure_month),
        "after": format_pct(item.figure.coverage_pct),
        "after_month": format_month(item.figure_month),
        "enrolment": format_points(round_pct(change.points_from_enrolment)),
        "basis": format_points(round_pct(change.points_from_basis)),
        "old_kind": baseline_kind_label(change.before.kind),
        "old_year": change.before.year,
        "old": format_count(change.before.count),
        "new_kind": baseline_kind_label(change.after.kind),
        "new_year": change.after.year,
        "new": format_count(change.after.count),
    }


def own_vs_children_sentence(item: RegionCoverage) -> str:
    difference = item.own_vs_children
    if difference is None or item.figure is None:
        return ""
    children, pct = difference
    return _(
        "The figure of %(region)s itself (%(own)s) stands; the sum of its %(parts)s is %(children)s (%(difference)s)."
    ) % {
        "region": item.name,
        "own": format_count(item.figure.participants.total),
        "parts": parts_word(item.code, item.children_total),
        "children": format_count(children),
        "difference": ("+" if pct > 0 else "−") + format_pct(abs(pct)),
    }


def other_baselines_sentences(item: RegionCoverage) -> list[str]:
    return [
        _("On the %(kind)s of %(year)d (%(count)s) the coverage would be %(pct)s.")
        % {
            "kind": baseline_kind_label(other.kind),
            "year": other.year,
            "count": format_count(other.count),
            "pct": format_pct(other.coverage_pct),
        }
        for other in item.other_baselines
    ]


def last_complete_sentence(item: RegionCoverage) -> str:
    """For a partial month: the latest figure that did cover the whole region, if any."""
    if not item.is_partial or item.previous_figure is None:
        return ""
    return _("The latest figure for %(region)s as a whole: %(pct)s as of %(month)s.") % {
        "region": item.name,
        "pct": format_pct(item.previous_figure.coverage_pct),
        "month": format_month(item.previous_figure_month),
    }


def target_text(item: RegionCoverage) -> str:
    if item.target is None:
        return _("no target set")
    if item.target.inherited:
        return _("inherited from %(code)s") % {"code": item.target.set_for}
    return item.target.legal_basis


def notes(item: RegionCoverage) -> list[str]:
    """Every sentence that qualifies the headline, in the order an official would read them."""
    candidates = [
        published_sentence(item),
        published_uncovered_sentence(item),
        basis_change_sentence(item),
        own_vs_children_sentence(item),
        *other_baselines_sentences(item),
        last_complete_sentence(item),
    ]
    if item.baseline and item.baseline.carried_forward:
        year = item.figure_month.year if item.figure_month else item.month.year
        if item.baseline.year < year:
            candidates.append(
                _("The baseline of %(year)d is not known yet; the one of %(data_year)d is used.")
                % {"year": year, "data_year": item.baseline.year}
            )
        else:
            # A sum over parts of which some have this year's baseline and some only an earlier one.
            candidates.append(
                _("For some of its parts the baseline of %(year)d is not known yet; their latest earlier one is used.")
                % {"year": year}
            )
    if item.target and item.target.inherited:
        candidates.append(_("The target is inherited from %(code)s.") % {"code": item.target.set_for})
    return [sentence for sentence in candidates if sentence]


def status_text(item: RegionCoverage) -> str:
    """A table cell's short word for what a row's number is."""
    if item.figure is not None and not item.figure_carried_forward:
        return _("own figure") if item.figure.reported else _("complete")
    if item.figure is not None:
        return _("as of %(month)s") % {"month": format_month(item.figure_month)}
    if item.is_partial:
        return _("%(n)d of %(m)d reported") % {"n": item.children_reported, "m": item.children_total}
    if item.children_reporting:
        return _("%(n)d of %(m)d reported, no baseline") % {"n": item.children_reporting, "m": item.children_total}
    return _("not reported")


def yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return _("yes") if value else _("no")


def published_pct_text(value: Decimal | None) -> str:
    return format_published_pct(value) if value is not None else ""


def what_if_sentence(item: RegionCoverage, result: WhatIf, monthly_rate: int) -> str:
    """'With 10.000 more participants: 18,26 % ...', on the same figure and basis as the headline."""
    text = _("With %(added)s more participants (%(participants)s of %(baseline)s): coverage %(pct)s") % {
        "added": format_count(result.added),
        "participants": format_count(result.participants),
        "baseline": format_count(result.baseline),
        "pct": format_pct(result.coverage_pct),
    }
    if result.gap_to_target is not None and item.target is not None:
        if result.gap_to_target == 0 and item.gap_is_estimate:
            # "Target reached" is never said on an estimate (DESIGN.md), not even of a what-if.
            text += "; " + _("the estimated gap would be closed")
        elif result.gap_to_target == 0:
            text += "; " + _("the target of %(target)s would be reached") % {
                "target": format_pct(item.target.percentage)
            }
        else:
            cost = result.yearly_cost(monthly_rate) or 0
            text += "; " + _("%(gap)s still short of the target, Rp%(cost)s a year as pekerja rentan") % {
                "gap": format_count(result.gap_to_target),
                "cost": format_count(cost),
            }
    if item.gap_is_estimate:
        text += " " + _("(estimate)")
    return text + "."


def summary_text(item: RegionCoverage, link: str) -> str:
    """A short summary for a chat group: region, month, coverage with what it covers and its source, target, gap."""
    if item.is_partial:
        coverage = _("coverage among reporting regions %(pct)s (%(n_of_m)s)") % {
            "pct": format_pct(item.coverage_among_reporting_pct),
            "n_of_m": n_of_m(item),
        }
    elif item.figure is not None:
        coverage = _("coverage %(pct)s") % {"pct": format_pct(item.coverage_pct)}
        if item.figure_carried_forward:
            coverage += " " + _("as of %(month)s") % {"month": format_month(item.figure_month)}
    else:
        coverage = _("no coverage figure")
    lines = [f"UCJ {item.name}, {format_month(item.month)}: {coverage}."]
    if item.participants is not None:
        lines.append(counts_sentence(item) + ".")
    source = provenance_sentence(item)
    if source:
        lines.append(source if len(source) <= 160 else source[:157].rstrip() + "…")
    if item.target is not None:
        target = _("Target %(year)d: %(pct)s.") % {"year": item.month.year, "pct": format_pct(item.target.percentage)}
        gap = gap_sentence(item) or (
            _("Gap: %(gap)s workers.") % {"gap": format_count(item.gap_to_target)}
            if item.gap_to_target is not None
            else ""
        )
        lines.append(f"{target} {gap}".strip())
    lines.append(link)
    return "\n".join(lines)


def share_of_coverage_sentence(workers: int, region_name: str, baseline: BaselineValue, points: Fraction) -> str:
    """'3.360 workers are 3,15 points of the coverage of Kabupaten Solok Selatan: of 106.590 (labour force, 2024).'"""
    text = _(
        "%(workers)s workers are %(points)s points of the coverage of %(region)s: %(workers)s of %(baseline)s "
        "(%(kind)s, %(year)d), if every one of them is an active participant."
    ) % {
        "workers": format_count(workers),
        "points": format_points(points),
        "region": region_name,
        "baseline": format_count(baseline.count),
        "kind": baseline_kind_label(baseline.kind),
        "year": baseline.year,
    }
    if baseline.carried_forward:
        text += " " + _("The baseline is from an earlier year.")
    return text
