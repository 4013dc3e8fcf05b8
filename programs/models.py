"""What is being done about the gap: funding programs, who takes part, meetings and what was promised."""

from __future__ import annotations

import datetime
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regions.models import COUNT_VALIDATORS, Region, WithinQuerySet, subtrees_q

BPJS_PROGRAMS = ("JKK", "JKM", "JHT", "JP", "JKP")
# The largest budget a program may state: Rp1.000 triliun, more than a quarter of the national budget
# (APBN 2025, about Rp3.600 triliun) and far below what the 64-bit column holds.
MAX_RUPIAH = 10**15
RUPIAH_VALIDATORS = [MaxValueValidator(MAX_RUPIAH)]
# A source link is a web page: any other scheme (javascript:, data:, file:) could run or open
# something in the reader's browser when clicked.
web_link = URLValidator(
    schemes=["http", "https"], message=_("Give a web address that starts with http:// or https://.")
)


class FundingProgramQuerySet(WithinQuerySet["FundingProgram"]):
    region_field = "funding_region_id"

    def visible_within(self, *scope_codes: str) -> FundingProgramQuerySet:
        """Programs funded within the codes, or with a village taking part within them."""
        taking_part = Participation.objects.within(*scope_codes).values("program_id")
        return self.filter(subtrees_q(self.region_field, scope_codes) | Q(pk__in=taking_part))


class FundingProgram(models.Model):
    class Source(models.TextChoices):
        APBD = "apbd", "APBD"
        APBDES = "apbdes", _("APBDes / Dana Nagari / Dana Desa")
        DBH_SAWIT = "dbh_sawit", "DBH Sawit"
        BAZNAS = "baznas", "Baznas"
        CSR = "csr", "CSR / TJSL"
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    funding_source = models.CharField(_("funding source"), max_length=12, choices=Source.choices)
    funding_region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="funded_programs", verbose_name=_("funding region")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    bpjs_programs = models.JSONField(_("BPJS programs covered"), default=list, help_text="JKK, JKM, JHT, JP, JKP")
    target_group = models.CharField(_("target group"), max_length=100, blank=True)
    budget_rupiah = models.PositiveBigIntegerField(
        _("budget (Rp)"), null=True, blank=True, validators=RUPIAH_VALIDATORS
    )
    workers_funded = models.PositiveIntegerField(
        _("workers funded"), null=True, blank=True, validators=COUNT_VALIDATORS
    )
    # What a source reports when it gives only a count ("54 of 74 nagari"); never turned into rows.
    reported_taking_part = models.PositiveIntegerField(
        _("reported: regions taking part"), null=True, blank=True, validators=COUNT_VALIDATORS
    )
    reported_of = models.PositiveIntegerField(_("reported: out of"), null=True, blank=True, validators=COUNT_VALIDATORS)
    reported_source = models.TextField(_("source of the reported figure"), blank=True)
    source = models.TextField(_("source"), blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = FundingProgramQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("funding program")
        verbose_name_plural = _("funding programs")
        constraints = [
            models.CheckConstraint(
                condition=Q(reported_taking_part__isnull=True)
                | Q(reported_of__isnull=True)
                | Q(reported_taking_part__lte=models.F("reported_of")),
                name="program_reported_part_not_above_whole",
                violation_error_message=_("The reported number taking part cannot exceed the total."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def get_absolute_url(self) -> str:
        return reverse("program", args=[self.pk])

    @property
    def reported_pct(self) -> Fraction | None:
        if not self.reported_of or self.reported_taking_part is None:
            return None
        return Fraction(self.reported_taking_part * 100, self.reported_of)

    def clean(self) -> None:
        unknown = [name for name in self.bpjs_programs if name not in BPJS_PROGRAMS]
        if unknown or not isinstance(self.bpjs_programs, list):
            raise ValidationError({"bpjs_programs": _("Only %(programs)s.") % {"programs": ", ".join(BPJS_PROGRAMS)}})


class Participation(models.Model):
    """A region (a nagari, a desa) taking part in a program, with what it funds where known."""

    program = models.ForeignKey(FundingProgram, on_delete=models.CASCADE, related_name="participations")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="participations")
    workers_funded = models.PositiveIntegerField(
        _("workers funded"), null=True, blank=True, validators=COUNT_VALIDATORS
    )
    budget_rupiah = models.PositiveBigIntegerField(
        _("budget (Rp)"), null=True, blank=True, validators=RUPIAH_VALIDATORS
    )
    source = models.TextField(_("source"), blank=True)

    objects = WithinQuerySet.as_manager()

    class Meta:
        ordering = ["program", "region_id"]
        verbose_name = _("participation")
        verbose_name_plural = _("participation")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "region"],
                name="participation_once_per_region",
                violation_error_message=_("This region already takes part in this program."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.program} – {self.region}"


class Person(models.Model):
    """One person, whatever spellings the sources use for them."""

    name = models.CharField(_("name"), max_length=150)
    # Where reminders of their overdue commitments go; blank when not known (the reminder run lists them).
    email = models.EmailField(_("email address"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("person", args=[self.pk])


class PersonAlias(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(_("spelling"), max_length=150, unique=True)

    class Meta:
        ordering = ["alias"]
        verbose_name = _("spelling")
        verbose_name_plural = _("spellings")

    def __str__(self) -> str:
        return self.alias


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def within(self, *scope_codes: str) -> MeetingQuerySet:
        """Meetings about at least one region at or below any of the codes."""
        about = Meeting.regions.through.objects.filter(subtrees_q("region_id", scope_codes))
        return self.filter(pk__in=about.values("meeting_id"))


class Meeting(models.Model):
    class Kind(models.TextChoices):
        KICK_OFF = "kickoff", "Kick-off"
        MONEV = "monev", "Monev"
        FGD = "fgd", "FGD"
        LAUNCHING = "launching", "Launching"
        SOSIALISASI = "sosialisasi", _("Sosialisasi")
        OTHER = "other", _("other")

    class Precision(models.TextChoices):
        DAY = "day", _("day")
        MONTH = "month", _("month")
        YEAR = "year", _("year")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    date = models.DateField(_("date"))
    # Some sources give only the year or the month: the date is then its first day, and says so.
    date_precision = models.CharField(_("date known to the"), max_length=5, choices=Precision.choices, default="day")
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    regions = models.ManyToManyField(Region, related_name="meetings", verbose_name=_("regions"))
    figures_announced = models.TextField(_("figures announced"), blank=True)
    source_url = models.URLField(_("source link"), blank=True, max_length=500, validators=[web_link])
    source_title = models.CharField(_("source"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meeting", args=[self.pk])


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="attendances", verbose_name=_("person")
    )
    # The spelling this source used for the person.
    named_as = models.CharField(_("named as"), max_length=150, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    is_chair = models.BooleanField(_("chair"), default=False)

    class Meta:
        ordering = ["-is_chair", "id"]
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")

    def __str__(self) -> str:
        return self.named_as or (self.person.name if self.person else self.position)


class CommitmentQuerySet(WithinQuerySet["Commitment"]):
    def overdue(self, today: datetime.date | None = None) -> CommitmentQuerySet:
        """Open commitments past their due date, by the date in Jakarta."""
        return self.filter(status=Commitment.Status.OPEN, due_date__lt=today or timezone.localdate())


class Commitment(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    what = models.TextField(_("what"))
    who_institution = models.CharField(_("who (institution)"), max_length=200, blank=True)
    who_person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("who (person)"),
    )
    due_date = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="commitments", verbose_name=_("meeting")
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("region"))
    source = models.TextField(_("source"), blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self) -> str:
        return self.what[:80]

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return (
            self.status == self.Status.OPEN
            and self.due_date is not None
            and self.due_date < (today or timezone.localdate())
        )


class Activity(models.Model):
    """Who created or changed a program, meeting or commitment, and when."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    action = models.CharField(max_length=20)
    subject = models.CharField(max_length=20)
    subject_id = models.PositiveBigIntegerField()
    summary = models.TextField(blank=True)
    # For imports: the batch (ucj.ImportBatch.uid) and the values before and after, so it can be undone.
    batch = models.UUIDField(null=True, blank=True, db_index=True)
    old = models.JSONField(null=True, blank=True)
    new = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activity")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.action} {self.subject} {self.subject_id}"
