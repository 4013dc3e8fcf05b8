"""Loading the demo: the regions it needs, the published facts, branches and users.

Every write is keyed on what identifies the record (a region's code, a figure's
region and period, a username), so loading twice changes nothing and says so.
"""

from __future__ import annotations

import datetime
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction

from programs.actions import (
    CREATE,
    UPDATE,
    AttendeeInput,
    add_aliases,
    record_meeting,
    save_participation,
    save_program,
)
from programs.models import Meeting, Person
from regions.actions import FigureInput, save_figures
from regions.boundaries import load_shapes, shipped_shapes
from regions.models import Branch, Enrolment, FigureChange, Profile, Region
from regions.months import parse_month
from regions.region_import import RegionImportResult, import_regions, read_region_csv

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
DEMO_REGIONS = FIXTURES / "wilayah-demo.csv"
PUBLISHED_FACTS = FIXTURES / "published_facts.json"
PROGRAMS = FIXTURES / "programs.json"
DEFAULT_PASSWORD = "demo-ucj-2025"
# What a load reports for what an action did.
OUTCOMES = {CREATE: "created", UPDATE: "updated", None: "unchanged"}


def upsert(model: type[models.Model], key: dict[str, Any], values: dict[str, Any]) -> str:
    """Create or update one record; answers "created", "updated" or "unchanged"."""
    record = model._default_manager.filter(**key).first()
    if record is None:
        record = model(**key, **values)
        record.full_clean()
        record.save()
        return "created"
    if all(getattr(record, name) == value for name, value in values.items()):
        return "unchanged"
    for name, value in values.items():
        setattr(record, name, value)
    record.full_clean()
    record.save()
    return "updated"


@transaction.atomic
def load_demo(password: str | None = None) -> tuple[RegionImportResult, Counter[str]]:
    """Load everything the demo shows. `password` resets the demo users' passwords."""
    region_rows = read_region_csv(DEMO_REGIONS)
    region_result = import_regions(region_rows, channel=FigureChange.Channel.SYSTEM)
    if region_result.errors:
        raise ValueError("\n".join(region_result.errors))
    # The maps of the demo regions, from the boundaries the project ships (data/boundaries/).
    load_shapes(shipped_shapes(frozenset(row.code for row in region_rows)))
    facts = json.loads(PUBLISHED_FACTS.read_text(encoding="utf-8"))
    outcomes: Counter[str] = Counter()

    figures = {
        "baseline": [
            (
                row["year"],
                row["region"],
                {"kind": row["kind"], "count": row["count"], "source": row["source"], "primary": row["primary"]},
            )
            for row in facts["baselines"]
        ],
        "enrolment": [
            (
                parse_month(row["month"]),
                row["region"],
                {
                    "participants": row["participants"],
                    **{name: row.get(name) for name in Enrolment.SEGMENTS},
                    "note": row["note"],
                    "provenance": row["provenance"],
                    "source": row["source"],
                    "published_pct": Decimal(row["published_pct"]) if row.get("published_pct") else None,
                    "published_uncovered": row.get("published_uncovered"),
                },
            )
            for row in facts["enrolment"]
        ],
        "target": [
            (row["year"], row["region"], {"percentage": Decimal(row["percentage"]), "legal_basis": row["legal_basis"]})
            for row in facts["targets"]
        ],
    }
    for kind, rows in figures.items():
        for period, region, values in rows:
            # Published facts are what they are: a jump between two of them is no typing slip to confirm.
            result = save_figures(
                kind, period, [FigureInput(region, values, confirmed=True)], user=None,
                channel=FigureChange.Channel.SYSTEM, reason="demo",
            )  # fmt: skip
            outcomes["created"] += len(result.created)
            outcomes["updated"] += len(result.updated)
    for row in facts["branches"]:
        parent = Branch.objects.get(name=row["parent"]) if row["parent"] else None
        outcome = upsert(Branch, {"name": row["name"]}, {"parent": parent})
        branch = Branch.objects.get(name=row["name"])
        if set(branch.regions.values_list("code", flat=True)) != set(row["regions"]):
            branch.regions.set(Region.objects.filter(code__in=row["regions"]))
            # The regions of a branch just created are part of creating it, not a change.
            outcome = "created" if outcome == "created" else "updated"
        outcomes[outcome] += 1
    for row in facts["users"]:
        outcomes[_upsert_user(row, password)] += 1
    outcomes.update(_load_programs(json.loads(PROGRAMS.read_text(encoding="utf-8"))))
    return region_result, outcomes


def _load_programs(data: dict[str, Any]) -> Counter[str]:
    """The published programs, participation, people, meetings and commitments, each once."""
    outcomes: Counter[str] = Counter()
    for row in data["people"]:
        person = Person.objects.filter(name=row["name"]).first()
        created = person is None
        if person is None:
            person = Person.objects.create(name=row["name"])
            outcomes["created"] += 1
        known = set(person.aliases.values_list("alias", flat=True))
        if not set(row["aliases"]) <= known:
            add_aliases(person, row["aliases"])
            outcomes["updated"] += 0 if created else 1
    for row in data["programs"]:
        fields = {
            key: value for key, value in row.items() if key not in {"participation", "funding_region", "name", "year"}
        }
        written = save_program(
            user=None, name=row["name"], year=row["year"], values={**fields, "funding_region_id": row["funding_region"]}
        )
        outcomes[OUTCOMES[written.action]] += 1
        for taking_part in row["participation"]:
            values = {"workers_funded": taking_part["workers_funded"], "source": taking_part["source"]}
            done = save_participation(
                user=None, program=written.record, region_code=taking_part["region"], values=values
            )
            outcomes[OUTCOMES[done.action]] += 1
    for row in data["meetings"]:
        date = datetime.date.fromisoformat(row["date"])
        if Meeting.objects.filter(title=row["title"], date=date).exists():
            continue
        commitments = [
            {**{k: v for k, v in item.items() if k != "region"}, "region_id": item["region"]}
            for item in row["commitments"]
        ]
        record_meeting(
            user=None,
            kind=row["kind"],
            title=row["title"],
            date=date,
            regions=list(Region.objects.filter(code__in=row["regions"])),
            attendees=[AttendeeInput(**attendee) for attendee in row["attendees"]],
            commitments=commitments,
            date_precision=row["date_precision"],
            venue=row["venue"],
            figures_announced=row["figures_announced"],
            source_url=row["source_url"],
            source_title=row["source_title"],
            note=row["note"],
        )
        outcomes["created"] += 1
    return outcomes


def _upsert_user(row: dict[str, Any], password: str | None) -> str:
    User = get_user_model()
    is_admin = row["role"] == Profile.Role.ADMIN
    user = User.objects.filter(username=row["username"]).first()
    outcome = "unchanged"
    if user is None:
        user = User(username=row["username"])
        user.set_password(password or DEFAULT_PASSWORD)
        outcome = "created"
    elif password is not None and not user.check_password(password):
        user.set_password(password)
        outcome = "updated"
    values = {
        "first_name": row["first_name"],
        "last_name": row["last_name"],
        "is_staff": is_admin,
        "is_superuser": is_admin,
    }
    if any(getattr(user, name) != value for name, value in values.items()):
        outcome = "created" if outcome == "created" else "updated"
    for name, value in values.items():
        setattr(user, name, value)
    if outcome != "unchanged":
        user.save()
    branch = Branch.objects.get(name=row["branch"]) if row.get("branch") else None
    profile_outcome = upsert(
        Profile, {"user": user}, {"role": row["role"], "branch": branch, "region_id": row.get("region")}
    )
    return outcome if outcome != "unchanged" else profile_outcome


def demo_logins() -> list[tuple[str, str]]:
    """(username, what they see) for every demo user, for printing after a load."""
    facts = json.loads(PUBLISHED_FACTS.read_text(encoding="utf-8"))
    return [(row["username"], row["role"]) for row in facts["users"]]
