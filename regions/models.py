from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regions import codes, lookups  # noqa: F401  (registers the prefix lookup)


def subtrees_q(field: str, scope_codes: Iterable[str]) -> Q:
    """Matches `field` at or below any of `scope_codes`; matches nothing when there are none."""
    scope_codes = list(scope_codes)
    if not scope_codes:
        return Q(pk__in=[])
    combined = Q()
    for scope_code in scope_codes:
        if scope_code == codes.COUNTRY_CODE:
            return Q()
        combined |= subtree_q(field, scope_code)
    return combined


def subtree_q(field: str, scope_code: str) -> Q:
    """Matches `field` (a region code) at or below `scope_code`.

    The code prefix is the subtree: an indexed prefix match on both databases,
    no recursive query and no stored path to keep in step.
    """
    if scope_code == codes.COUNTRY_CODE:
        return Q()
    return Q(**{field: scope_code}) | Q(**{f"{field}__prefix": scope_code + "."})


class Region(models.Model):
    class Kind(models.TextChoices):
        NEGARA = "negara", _("country")
        PROVINSI = "provinsi", _("province")
        KABUPATEN = "kabupaten", _("regency")
        KOTA = "kota", _("city")
        KECAMATAN = "kecamatan", _("district")
        KELURAHAN = "kelurahan", _("urban village")
        DESA = "desa", _("village")
        NAGARI = "nagari", _("nagari")
        DESA_ADAT = "desa_adat", _("customary village")

    code = models.CharField(_("code"), max_length=13, primary_key=True)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        indexes = [
            # PostgreSQL only uses an index for LIKE 'prefix%' with this opclass
            # (the primary key's index follows the database collation).
            # Other databases ignore the opclass and get a plain index.
            models.Index(fields=["code"], name="region_code_prefix", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("region", args=[self.code])

    @property
    def level(self) -> int:
        return codes.level_of(self.code)

    @property
    def display_name(self) -> str:
        """The name as people say it: "Kabupaten Solok", "Kecamatan Kubung", "Nagari Koto Baru"."""
        prefix = {
            self.Kind.KECAMATAN: "Kecamatan",
            self.Kind.KELURAHAN: "Kelurahan",
            self.Kind.DESA: "Desa",
            self.Kind.NAGARI: "Nagari",
            self.Kind.DESA_ADAT: "",
        }.get(self.Kind(self.kind), "")
        if self.kind == self.Kind.PROVINSI:
            prefix = "Provinsi"
        if not prefix or self.name.lower().startswith(prefix.lower()):
            return self.name
        return f"{prefix} {self.name}"


class Branch(models.Model):
    """A BPJS Ketenagakerjaan office and the regions it serves."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_offices",
        verbose_name=_("parent branch"),
    )
    regions = models.ManyToManyField(Region, related_name="branches", blank=True, verbose_name=_("regions served"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("branch")
        verbose_name_plural = _("branches")

    def __str__(self) -> str:
        return self.name


class Baseline(models.Model):
    """The number of workers a region's coverage is measured against, for one year."""

    class Kind(models.TextChoices):
        ANGKATAN_KERJA = "angkatan_kerja", _("labour force")
        PENDUDUK_BEKERJA = "penduduk_bekerja", _("working population")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="baselines", verbose_name=_("region"))
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    count = models.PositiveIntegerField(_("count"))
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["region_id", "year"]
        verbose_name = _("baseline")
        verbose_name_plural = _("baselines")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year"],
                name="baseline_one_per_region_year",
                violation_error_message=_("This region already has a baseline for this year."),
            ),
            models.CheckConstraint(
                condition=Q(count__gte=0),
                name="baseline_count_not_negative",
                violation_error_message=_("The count cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year}: {self.count} {self.kind}"


class Enrolment(models.Model):
    """Active participants of BPJS Ketenagakerjaan in a region at the end of a month."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("region"))
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    participants = models.PositiveIntegerField(_("active participants"))
    pu = models.PositiveIntegerField(_("PU (wage earners)"), null=True, blank=True)
    bpu = models.PositiveIntegerField(_("BPU (non-wage earners)"), null=True, blank=True)
    jakon = models.PositiveIntegerField(_("Jakon (construction)"), null=True, blank=True)
    pmi = models.PositiveIntegerField(_("PMI (migrant workers)"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    source = models.TextField(_("source"), blank=True)
    # Bumped on every change, so a form can tell whether the row moved since it was opened.
    version = models.PositiveIntegerField(default=1, editable=False)

    SEGMENTS = ("pu", "bpu", "jakon", "pmi")

    class Meta:
        ordering = ["region_id", "month"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolment")
        indexes = [models.Index(fields=["month", "region"], name="enrolment_month_region")]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "month"],
                name="enrolment_one_per_region_month",
                violation_error_message=_("This region already has a figure for this month."),
            ),
            models.CheckConstraint(
                condition=Q(participants__gte=0)
                & (Q(pu__isnull=True) | Q(pu__gte=0))
                & (Q(bpu__isnull=True) | Q(bpu__gte=0))
                & (Q(jakon__isnull=True) | Q(jakon__gte=0))
                & (Q(pmi__isnull=True) | Q(pmi__gte=0)),
                name="enrolment_counts_not_negative",
                violation_error_message=_("Counts cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(month__day=1),
                name="enrolment_month_is_first_day",
                violation_error_message=_("The month must be stored as its first day."),
            ),
            models.CheckConstraint(
                condition=Q(pu__isnull=True)
                | Q(bpu__isnull=True)
                | Q(jakon__isnull=True)
                | Q(pmi__isnull=True)
                | Q(participants=F("pu") + F("bpu") + F("jakon") + F("pmi")),
                name="enrolment_segments_add_up",
                violation_error_message=_("PU + BPU + Jakon + PMI must equal the active participants."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.month:%Y-%m}: {self.participants}"


class Target(models.Model):
    """The UCJ coverage a region is to reach in a year, in percent."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="targets", verbose_name=_("region"))
    year = models.PositiveSmallIntegerField(_("year"))
    percentage = models.DecimalField(_("target (%)"), max_digits=5, decimal_places=2)
    legal_basis = models.TextField(_("legal basis"), blank=True)

    class Meta:
        ordering = ["region_id", "year"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year"],
                name="target_one_per_region_year",
                violation_error_message=_("This region already has a target for this year."),
            ),
            models.CheckConstraint(
                condition=Q(percentage__gte=0) & Q(percentage__lte=100),
                name="target_percentage_0_to_100",
                violation_error_message=_("The target must be between 0 and 100 percent."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year}: {self.percentage} %"


class FigureChange(models.Model):
    """One create, change or delete of an enrolment figure, a baseline or a target: who, when, how and why.

    Written only by regions/actions.py, in the same transaction as the change itself.
    """

    class Kind(models.TextChoices):
        ENROLMENT = "enrolment", _("enrolment")
        BASELINE = "baseline", _("baseline")
        TARGET = "target", _("target")

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")

    class Channel(models.TextChoices):
        FORM = "form", _("form")
        IMPORT = "import", _("import")
        ADMIN = "admin", _("admin")
        REVERT = "revert", _("revert")
        SYSTEM = "system", _("system")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("who")
    )
    channel = models.CharField(_("through"), max_length=10, choices=Channel.choices)
    kind = models.CharField(_("figure"), max_length=10, choices=Kind.choices)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="changes", verbose_name=_("region"))
    period = models.CharField(_("period"), max_length=7, help_text=_("YYYY-MM for enrolment, YYYY otherwise"))
    old = models.JSONField(_("old value"), null=True, blank=True)
    new = models.JSONField(_("new value"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    reverts = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reverted_by", verbose_name=_("reverts")
    )
    # The spreadsheet import that made the change (ucj.ImportBatch.uid), so an import can be undone.
    batch = models.UUIDField(_("import"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("change")
        verbose_name_plural = _("history")
        indexes = [models.Index(fields=["region", "kind", "period"], name="change_region_kind_period")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.kind} {self.region_id} {self.period}"


class RollupTotal(models.Model):
    """A region's participants in a month as the dashboards show them: its own figure, or its children's sum.

    Kept by regions/rollups.py in the same transaction as every change of an
    enrolment row, so a page reads one row per region instead of a subtree.
    """

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    participants = models.PositiveIntegerField()
    pu = models.PositiveIntegerField(null=True)
    bpu = models.PositiveIntegerField(null=True)
    jakon = models.PositiveIntegerField(null=True)
    pmi = models.PositiveIntegerField(null=True)
    reported = models.BooleanField()
    children_reported = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "month"], name="rollup_one_per_region_month")]
        indexes = [models.Index(fields=["month", "region"], name="rollup_month_region")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.month:%Y-%m}: {self.participants}"


class BaselineTotal(models.Model):
    """A region's baseline from `year` on, as the dashboards use it, for each year where its subtree has data.

    The baseline for a later year with no row of its own is the latest row at or
    before it, carried forward; regions/rollups.py keeps these in step.
    """

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField()
    kind = models.CharField(max_length=16)
    data_year = models.PositiveSmallIntegerField()
    carried_forward = models.BooleanField()
    reported = models.BooleanField()
    children_reported = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="baselinetotal_one_per_region_year")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year}: {self.count}"
