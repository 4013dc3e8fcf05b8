"""What each reminder says: subject and plain-text body, in the language active when called.

Callers wrap these in translation.override(recipient's language); numbers, months and the coverage
sentences come from regions.display and regions.statements, so an email says exactly what the
region page says, with what each number covers, its month and its source.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from programs.models import Commitment
from regions import statements
from regions.coverage import RegionCoverage
from regions.display import format_month, format_pct, format_signed
from regions.links import region_page_link
from regions.models import Region


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


def site_link(path: str) -> str:
    """An absolute address for an email: there is no request to take the host from."""
    return settings.UCJ_SITE_URL + path


def format_day(day: datetime.date) -> str:
    """ "10 Juli 2025": the day, then the month the reader's way."""
    return f"{day.day} {format_month(day)}"


def _greeting(name: str) -> str:
    return _("Hello %(name)s,") % {"name": name}


def _footer(turn_off: bool) -> str:
    """Why the reader gets this email and where to stop it."""
    account = site_link(reverse("account"))
    if turn_off:
        return _("You receive this because email reminders are on for your account. Turn them off at %(link)s") % {
            "link": account
        }
    return _("You receive this because you asked for the monthly summary. Change that at %(link)s") % {"link": account}


def region_label(region: Region) -> str:
    return f"{region.display_name} ({region.code})"


def missing_figures(
    name: str, branch: str, month: datetime.date, deadline: datetime.date, regions: Sequence[Region]
) -> Message:
    """To a branch officer: the regions of their branch without a figure for `month`, after the deadline."""
    subject = _("UCJ: %(count)d regions have not reported %(month)s") % {
        "count": len(regions),
        "month": format_month(month),
    }
    lines = [
        _greeting(name),
        "",
        _(
            "These regions served by %(branch)s have no figure of active participants for %(month)s yet; "
            "the deadline was %(deadline)s:"
        )
        % {"branch": branch, "month": format_month(month), "deadline": format_day(deadline)},
        *(f"- {region_label(region)}" for region in regions),
        "",
        _("Enter them at %(link)s") % {"link": site_link(reverse("entry_grid", args=[f"{month:%Y-%m}"]))},
        "",
        _footer(turn_off=True),
    ]
    return Message(subject, "\n".join(lines))


def commitment_line(commitment: Commitment) -> str:
    """One overdue commitment: what, where, when it was due, who promised it and at which meeting."""
    parts = [commitment.what, region_label(commitment.region)]
    if commitment.due_date is not None:
        parts.append(_("due %(date)s") % {"date": format_day(commitment.due_date)})
    who = ", ".join(
        name for name in (commitment.who_person and commitment.who_person.name, commitment.who_institution) if name
    )
    if who:
        parts.append(_("who: %(who)s") % {"who": who})
    if commitment.meeting is not None:
        parts.append(
            _("promised at: %(meeting)s, %(date)s")
            % {"meeting": commitment.meeting.title, "date": format_day(commitment.meeting.date)}
        )
    return "- " + "; ".join(parts)


def overdue_commitments(name: str, today: datetime.date, commitments: Sequence[Commitment]) -> Message:
    """To the person responsible, or to a branch officer: the open commitments past their due date."""
    subject = _("UCJ: %(count)d commitments are overdue") % {"count": len(commitments)}
    lines = [
        _greeting(name),
        "",
        _("These commitments are still open and past their due date, as of %(today)s:") % {"today": format_day(today)},
        *(commitment_line(commitment) for commitment in commitments),
        "",
        _("See them at %(link)s") % {"link": site_link(reverse("commitments") + "?overdue=1")},
        "",
        _footer(turn_off=True),
    ]
    return Message(subject, "\n".join(lines))


def change_sentence(item: RegionCoverage, before: RegionCoverage) -> str:
    """The change from the month before, only between two figures of the whole region for those very months.

    A partial roll-up's reporting regions may differ from one month to the next, and a carried-forward
    figure is not that month's: neither gives a change that means anything, so the email says why not.
    """
    region = item.name
    if item.figure is None or item.figure_carried_forward:
        return _(
            "Change from %(before)s: not known, %(region)s has no figure of its own or complete for %(month)s."
        ) % {
            "before": format_month(before.month),
            "region": region,
            "month": format_month(item.month),
        }
    if before.figure is None or before.figure_carried_forward:
        return _(
            "Change from %(before)s: not known, %(region)s has no figure of its own or complete for %(before)s."
        ) % {
            "before": format_month(before.month),
            "region": region,
        }
    text = _(
        "Change from %(before)s: %(change)s participants, coverage %(old)s → %(new)s "
        "(both figures of %(region)s as a whole)."
    ) % {
        "before": format_month(before.month),
        "change": format_signed(item.figure.participants.total - before.figure.participants.total),
        "old": format_pct(before.coverage_pct),
        "new": format_pct(item.coverage_pct),
        "region": region,
    }
    split = statements.basis_change_sentence(item)
    return f"{text} {split}" if split else text


def monthly_summary(name: str, item: RegionCoverage, before: RegionCoverage) -> Message:
    """To an official who asked for it: coverage, change and gap of their region, each with what it covers."""
    subject = _("UCJ %(region)s: summary of %(month)s") % {"region": item.name, "month": format_month(item.month)}
    link = region_page_link(item.code, item.month)
    lines = [
        _greeting(name),
        "",
        statements.summary_text(item, link),
        "",
        statements.what_it_covers(item).rstrip(".") + ".",
        change_sentence(item, before),
    ]
    for sentence in (statements.pace_sentence(item), *statements.notes(item)):
        if sentence:
            lines.append(sentence)
    lines += ["", _footer(turn_off=False)]
    return Message(subject, "\n".join(lines))
