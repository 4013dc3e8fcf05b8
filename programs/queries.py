"""What the region page shows beside the figures: programs, participation, meetings, commitments."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Q
from django.utils import timezone

from programs.models import Commitment, FundingProgram, Meeting, Participation
from programs.participation import Rate, rates, village_tree
from regions import codes
from regions.coverage import BaselineValue, points_of_coverage
from regions.models import Region
from regions.queries import baseline_in_force

LATEST_MEETINGS = 5


@dataclass
class ProgramParticipation:
    program: FundingProgram
    overall: Rate
    per_kecamatan: list[Rate]


@dataclass
class RegionPanels:
    programs: list[FundingProgram]
    participation: list[ProgramParticipation]
    meetings: list[Meeting]
    commitments: list[Commitment]
    overdue_ids: set[int]


@dataclass(frozen=True)
class ShareOfCoverage:
    """How many points of its funding region's coverage a program's workers are, against the baseline in
    force in the program's year: what the program adds if every worker it funds is an active participant."""

    workers: int
    baseline: BaselineValue
    points: Fraction


def share_of_coverage(program: FundingProgram) -> ShareOfCoverage | None:
    if not program.workers_funded:
        return None
    baseline = baseline_in_force(program.funding_region_id, program.year)
    if baseline is None or baseline.count == 0:
        return None
    points = points_of_coverage(program.workers_funded, baseline.count)
    return None if points is None else ShareOfCoverage(program.workers_funded, baseline, points)


def programs_for_region(region: Region) -> list[FundingProgram]:
    """Programs funded by the region or a region above it, or with participants inside it."""
    funded_here_or_above = Q(funding_region_id__in=[region.code, *codes.ancestor_codes(region.code)])
    taking_part_inside = Q(pk__in=Participation.objects.within(region.code).values("program_id"))
    return list(
        FundingProgram.objects.filter(funded_here_or_above | taking_part_inside).select_related("funding_region")
    )


def region_panels(region: Region) -> RegionPanels:
    """A fixed handful of queries, however many villages, programs or meetings there are."""
    programs = programs_for_region(region)
    participation = []
    if programs and region.kind in (Region.Kind.KABUPATEN, Region.Kind.KOTA, Region.Kind.KECAMATAN):
        taking_part: dict[int, set[str]] = defaultdict(set)
        for program_id, code in (
            Participation.objects.within(region.code)
            .filter(program__in=programs)
            .values_list("program_id", "region_id")
        ):
            taking_part[program_id].add(code)
        shown = [p for p in programs if p.reported_of is not None or taking_part.get(p.pk)]
        if shown:
            villages, kecamatan = village_tree(region)
            for program in shown:
                overall, per_kecamatan = rates(villages, kecamatan, taking_part[program.pk], region.code, region.name)
                participation.append(ProgramParticipation(program, overall, per_kecamatan))
    meetings = list(Meeting.objects.within(region.code).prefetch_related("regions")[:LATEST_MEETINGS])
    commitments = list(
        Commitment.objects.within(region.code).filter(status=Commitment.Status.OPEN).select_related("meeting", "region")
    )
    today = timezone.localdate()
    overdue = {c.pk for c in commitments if c.is_overdue(today)}
    return RegionPanels(programs, participation, meetings, commitments, overdue)
