"""Who gets which reminder for a month, and sending them once: what `manage.py send_reminders` runs.

Three kinds, each at most once per recipient and month (the reporting month, by default last month):

- months not reported: to each branch officer, the regions of their branch (and its sub-offices, as
  their scope has them) without a figure for the month, once the deadline day has passed;
- overdue commitments: to the person responsible (Person.email) and to the officers of every
  branch whose regions hold the commitment's region (the same Scope that decides what they see);
- the monthly summary: to officials who asked for it, their region's coverage, change and gap,
  after the deadline day so that the month's figures are in.

Every recipient without an email address, or who turned reminders off, is planned too and shown
as such: nobody is left out of the run's output without a word.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from programs.models import Commitment, Person
from regions.models import Profile, Region
from regions.months import add_months
from regions.queries import coverage_report
from regions.scopes import scope_for
from ucj.entry.completeness import completeness, report_deadline
from ucj.notices import messages
from ucj.notices.models import ReminderSent

logger = logging.getLogger(__name__)

Kind = ReminderSent.Kind

# Why a planned email is not sent; the run prints the reason beside the recipient.
NO_ADDRESS = "no_address"
TURNED_OFF = "turned_off"
ALREADY_SENT = "already_sent"
SKIP_REASONS = {
    NO_ADDRESS: gettext_lazy("NOT SENT: no email address on file"),
    TURNED_OFF: gettext_lazy("not sent: reminders turned off on the account page"),
    ALREADY_SENT: gettext_lazy("not sent: already sent for this month"),
}


@dataclass(frozen=True)
class Recipient:
    name: str  # how the email greets them
    label: str  # how the run's output names them
    address: str  # blank: none on file
    language: str
    user_id: int | None = None
    person_id: int | None = None


@dataclass(frozen=True)
class Planned:
    """One email for one recipient, written in their language, and whether (and why not) it goes out."""

    kind: str
    recipient: Recipient
    subject: str
    body: str
    about: tuple[str, ...]  # the regions or commitments it names, for the run's output
    skip: str = ""

    @property
    def will_send(self) -> bool:
        return not self.skip


@dataclass
class Plan:
    month: datetime.date
    today: datetime.date
    deadline: datetime.date
    items: list[Planned] = field(default_factory=list)

    @property
    def after_deadline(self) -> bool:
        return self.today > self.deadline


@dataclass
class Outcome:
    """What a run did with each planned email, in the plan's order."""

    sent: list[Planned] = field(default_factory=list)
    skipped: list[Planned] = field(default_factory=list)
    failed: list[tuple[Planned, str]] = field(default_factory=list)
    # (item, "sent" | "skipped" | the error): the order the run reports them in.
    results: list[tuple[Planned, str]] = field(default_factory=list)

    def add(self, item: Planned, result: str) -> None:
        self.results.append((item, result))
        if result == SENT:
            self.sent.append(item)
        elif result == SKIPPED:
            self.skipped.append(item)
        else:
            self.failed.append((item, result))


SENT = "sent"
SKIPPED = "skipped"


def default_month(today: datetime.date) -> datetime.date:
    """The month whose figures are due now: last month."""
    return add_months(today.replace(day=1), -1)


def plan_reminders(month: datetime.date, today: datetime.date) -> Plan:
    """Every email of the run for `month` as of `today`, each in its recipient's language; nothing is sent."""
    plan = Plan(month, today, report_deadline(month))
    # A deactivated account is someone who left: they are not written to, as they cannot sign in either.
    profiles = list(
        Profile.objects.filter(user__is_active=True, role__in=[Profile.Role.OFFICER, Profile.Role.OFFICIAL])
        .select_related("user", "branch", "region")
        .order_by("user__username")
    )
    officers = [profile for profile in profiles if profile.role == Profile.Role.OFFICER and profile.branch]
    officials = [profile for profile in profiles if profile.role == Profile.Role.OFFICIAL and profile.region]
    if plan.after_deadline:
        plan.items += _missing_figures(officers, month, today, plan.deadline)
    plan.items += _overdue_commitments(officers, today)
    if plan.after_deadline:
        plan.items += _monthly_summaries(officials, month)
    plan.items = _mark_already_sent(plan.items, month)
    return plan


def _user_recipient(profile: Profile) -> Recipient:
    user: User = profile.user
    return Recipient(
        name=user.get_full_name() or user.username,
        label=f"{user.username} ({profile.get_role_display()})",
        address=user.email.strip(),
        language=profile.language or settings.LANGUAGE_CODE,
        user_id=user.pk,
    )


def _person_recipient(person: Person) -> Recipient:
    # People named in commitments have no account and so no language of their own: the product's.
    role = gettext("person responsible")
    return Recipient(
        name=person.name,
        label=f"{person.name} ({role})",
        address=person.email.strip(),
        language=settings.LANGUAGE_CODE,
        person_id=person.pk,
    )


def _planned(
    kind: str, recipient: Recipient, message: messages.Message, about: Iterable[str], *, turned_off: bool = False
) -> Planned:
    skip = NO_ADDRESS if not recipient.address else TURNED_OFF if turned_off else ""
    return Planned(kind, recipient, message.subject, message.body, tuple(about), skip)


def _missing_figures(
    officers: list[Profile], month: datetime.date, today: datetime.date, deadline: datetime.date
) -> list[Planned]:
    """Each officer's branch and its sub-offices (the regions their scope has), through the completeness rules."""
    missing_by_branch: dict[int, list[Region]] = {}
    planned = []
    for profile in officers:
        branch = profile.branch
        assert branch is not None  # the caller passes officers with a branch (a constraint also says so)
        if branch.pk not in missing_by_branch:
            branches = [branch, *branch.sub_offices.all()]
            unreported = {
                row.region.code: row.region
                for per_branch in completeness(branches, month, today)
                for row in per_branch.rows
                if not row.reported
            }
            missing_by_branch[branch.pk] = [unreported[code] for code in sorted(unreported)]
        regions = missing_by_branch[branch.pk]
        if not regions:
            continue
        recipient = _user_recipient(profile)
        with translation.override(recipient.language):
            message = messages.missing_figures(recipient.name, branch.name, month, deadline, regions)
        planned.append(
            _planned(
                Kind.MISSING_FIGURES,
                recipient,
                message,
                (messages.region_label(region) for region in regions),
                turned_off=not profile.email_reminders,
            )
        )
    return planned


def _overdue_commitments(officers: list[Profile], today: datetime.date) -> list[Planned]:
    overdue = list(
        Commitment.objects.overdue(today).select_related("region", "who_person", "meeting").order_by("due_date", "id")
    )
    if not overdue:
        return []
    planned = []
    by_person: dict[int, list[Commitment]] = defaultdict(list)
    people: dict[int, Person] = {}
    for commitment in overdue:
        if commitment.who_person is not None:
            by_person[commitment.who_person.pk].append(commitment)
            people[commitment.who_person.pk] = commitment.who_person
    for person_pk, theirs in sorted(by_person.items(), key=lambda item: people[item[0]].name):
        recipient = _person_recipient(people[person_pk])
        with translation.override(recipient.language):
            message = messages.overdue_commitments(recipient.name, today, theirs)
        planned.append(_planned(Kind.OVERDUE_COMMITMENTS, recipient, message, _commitment_labels(theirs)))
    for profile in officers:
        # The regions an officer's branch serves are those their scope holds: the rule every page follows.
        scope = scope_for(profile.user)
        theirs = [commitment for commitment in overdue if scope.contains(commitment.region_id)]
        if not theirs:
            continue
        recipient = _user_recipient(profile)
        with translation.override(recipient.language):
            message = messages.overdue_commitments(recipient.name, today, theirs)
        planned.append(
            _planned(
                Kind.OVERDUE_COMMITMENTS,
                recipient,
                message,
                _commitment_labels(theirs),
                turned_off=not profile.email_reminders,
            )
        )
    return planned


def _commitment_labels(commitments: list[Commitment]) -> list[str]:
    return [f"#{c.pk} {c.region_id} {c.due_date:%Y-%m-%d}: {c.what[:80]}" for c in commitments]


def _monthly_summaries(officials: list[Profile], month: datetime.date) -> list[Planned]:
    planned = []
    for profile in officials:
        if not profile.monthly_summary:
            continue
        region = profile.region
        assert region is not None  # the caller passes officials with a region (a constraint also says so)
        recipient = _user_recipient(profile)
        # The report is read inside the override: its sentences are built in the reader's language.
        with translation.override(recipient.language):
            item = coverage_report(region, month).region
            before = coverage_report(region, add_months(month, -1)).region
            message = messages.monthly_summary(recipient.name, item, before)
        planned.append(_planned(Kind.MONTHLY_SUMMARY, recipient, message, [messages.region_label(region)]))
    return planned


def _mark_already_sent(items: list[Planned], month: datetime.date) -> list[Planned]:
    sent = ReminderSent.objects.filter(month=month)
    users = set(sent.filter(user__isnull=False).values_list("kind", "user_id"))
    people = set(sent.filter(person__isnull=False).values_list("kind", "person_id"))
    marked = []
    for item in items:
        recipient = item.recipient
        done = (
            (item.kind, recipient.user_id) in users if recipient.user_id else (item.kind, recipient.person_id) in people
        )
        # Already sent wins over a reason found since (an address removed): the output says what happened.
        marked.append(replace(item, skip=ALREADY_SENT) if done else item)
    return marked


def send(plan: Plan) -> Outcome:
    """Send every planned email that may go out, recording each so that no later run sends it again."""
    outcome = Outcome()
    connection = get_connection()
    for item in plan.items:
        if not item.will_send:
            outcome.add(item, SKIPPED)
            continue
        recipient = item.recipient
        try:
            # The row is claimed first, in its own transaction: a second run at the same time meets the
            # unique constraint and skips, rather than both sending.
            with transaction.atomic():
                record = ReminderSent.objects.create(
                    kind=item.kind,
                    month=plan.month,
                    user_id=recipient.user_id,
                    person_id=recipient.person_id,
                    address=recipient.address,
                )
        except IntegrityError:
            outcome.add(replace(item, skip=ALREADY_SENT), SKIPPED)
            continue
        email = EmailMessage(
            item.subject,
            item.body,
            to=[recipient.address],
            headers={"Content-Language": recipient.language},
            connection=connection,
        )
        try:
            email.send()
        except Exception as error:  # SMTP and socket errors alike: report it, go on with the others
            # Not sent, so not recorded: the next run tries again.
            record.delete()
            logger.warning("Reminder to %s not sent: %s", recipient.address, error)
            outcome.add(item, str(error) or type(error).__name__)
            continue
        outcome.add(item, SENT)
    return outcome
