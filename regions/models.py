from __future__ import annotations

from collections.abc import Iterable
from typing import Self, TypeVar

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regions import codes, lookups  # noqa: F401  (registers the prefix lookup)
from regions.limits import MAX_COUNT

_M = TypeVar("_M", bound=models.Model)

# Admin forms and full_clean() refuse a count no region can have, before the database's integer overflows.
COUNT_VALIDATORS = [MaxValueValidator(MAX_COUNT)]


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
    if codes.level_of(scope_code) == codes.VILLAGE_LEVEL:
        # Nothing lies below a village. The plain equality also keeps PostgreSQL on the region's index
        # when the table has no statistics yet (with the OR it walked the whole history backwards).
        return Q(**{field: scope_code})
    return Q(**{field: scope_code}) | Q(**{f"{field}__prefix": scope_code + "."})


class WithinQuerySet(models.QuerySet[_M]):
    """A queryset of things that belong to a region: `within(*codes)` keeps those at or below any of the codes."""

    # The field that holds the region code; subclasses and `for_field` say which.
    region_field = "region_id"

    def within(self, *scope_codes: str) -> Self:
        return self.filter(subtrees_q(self.region_field, scope_codes))


class RegionQuerySet(WithinQuerySet["Region"]):
    region_field = "code"


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

    objects = RegionQuerySet.as_manager()

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

    def served_regions(self) -> models.QuerySet[Region]:
        """The regions this office serves, with those of its sub-offices (Cabang Solok's Kantor Solok Selatan)."""
        return Region.objects.filter(Q(branches=self) | Q(branches__parent=self)).distinct().order_by("code")


class Profile(models.Model):
    """What a user is to the tracker: their role and the branch or region it is tied to."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("admin")
        OFFICER = "petugas", _("branch officer")
        OFFICIAL = "pejabat", _("regional official")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    branch = models.ForeignKey(
        Branch, on_delete=models.PROTECT, null=True, blank=True, related_name="officers", verbose_name=_("branch")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="officials", verbose_name=_("region")
    )
    # Blank: the product's language (Bahasa Indonesia). Emails use it; pages too, until the language switch is used.
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)
    # Reminders of months not reported and of overdue commitments: on unless the user turns them off.
    email_reminders = models.BooleanField(_("email reminders"), default=True)
    # The monthly summary of the official's region is sent only to those who ask for it.
    monthly_summary = models.BooleanField(_("monthly summary by email"), default=False)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="petugas") | Q(branch__isnull=False),
                name="profile_officer_has_branch",
                violation_error_message=_("A branch officer must belong to a branch."),
            ),
            models.CheckConstraint(
                condition=~Q(role="pejabat") | Q(region__isnull=False),
                name="profile_official_has_region",
                violation_error_message=_("A regional official must have a region."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class Baseline(models.Model):
    """The number of workers a region's coverage is measured against, for one year, of one kind.

    A region may hold several kinds for a year (a labour force and the same
    without ASN, TNI and Polri, say); one of them is primary, the basis its
    coverage is computed on (see `primary_of`).
    """

    class Kind(models.TextChoices):
        ANGKATAN_KERJA = "angkatan_kerja", _("labour force")
        PENDUDUK_BEKERJA = "penduduk_bekerja", _("working population")
        ANGKATAN_KERJA_NON_ASN = "angkatan_kerja_non_asn", _("labour force without ASN, TNI and Polri")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="baselines", verbose_name=_("region"))
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    count = models.PositiveIntegerField(_("count"), validators=COUNT_VALIDATORS)
    source = models.TextField(_("source"), blank=True)
    primary = models.BooleanField(
        _("primary"),
        default=False,
        help_text=_("The basis the region's coverage is computed on in this year, when it has several kinds."),
    )

    objects = WithinQuerySet.as_manager()

    class Meta:
        ordering = ["region_id", "year", "kind"]
        verbose_name = _("baseline")
        verbose_name_plural = _("baselines")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "kind"],
                name="baseline_one_per_region_year_kind",
                violation_error_message=_("This region already has a baseline of this kind for this year."),
            ),
            models.UniqueConstraint(
                fields=["region", "year"],
                condition=Q(primary=True),
                name="baseline_one_primary_per_region_year",
                violation_error_message=_("This region already has a primary baseline for this year."),
            ),
            models.CheckConstraint(
                condition=Q(count__gte=0),
                name="baseline_count_not_negative",
                violation_error_message=_("The count cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year}: {self.count} {self.kind}{' (primary)' if self.primary else ''}"


class Provenance(models.TextChoices):
    """Where a figure came from (DESIGN.md, "What is stored")."""

    PUBLISHED = "published", _("published")
    ENTERED = "entered", _("entered")
    IMPORTED = "imported", _("imported")
    DERIVED = "derived", _("derived")


class Enrolment(models.Model):
    """Active participants of BPJS Ketenagakerjaan in a region at the end of a month."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("region"))
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    participants = models.PositiveIntegerField(_("active participants"), validators=COUNT_VALIDATORS)
    pu = models.PositiveIntegerField(_("PU (wage earners)"), null=True, blank=True, validators=COUNT_VALIDATORS)
    bpu = models.PositiveIntegerField(_("BPU (non-wage earners)"), null=True, blank=True, validators=COUNT_VALIDATORS)
    jakon = models.PositiveIntegerField(_("Jakon (construction)"), null=True, blank=True, validators=COUNT_VALIDATORS)
    pmi = models.PositiveIntegerField(_("PMI (migrant workers)"), null=True, blank=True, validators=COUNT_VALIDATORS)
    note = models.TextField(_("note"), blank=True)
    provenance = models.CharField(
        _("provenance"), max_length=10, choices=Provenance.choices, default=Provenance.ENTERED
    )
    source = models.TextField(_("source"), blank=True)
    # What the source itself published beside the count, kept as published ("33" stays 33, not 33,00),
    # so the page can show it beside the app's own arithmetic and flag where they differ.
    published_pct = models.DecimalField(
        _("published coverage (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    published_uncovered = models.PositiveIntegerField(
        _("published number not yet protected"), null=True, blank=True, validators=COUNT_VALIDATORS
    )
    # Bumped on every change, so a form can tell whether the row moved since it was opened.
    version = models.PositiveIntegerField(default=1, editable=False)

    SEGMENTS = ("pu", "bpu", "jakon", "pmi")

    objects = WithinQuerySet.as_manager()

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
                condition=Q(published_pct__isnull=True) | (Q(published_pct__gte=0) & Q(published_pct__lte=100)),
                name="enrolment_published_pct_0_to_100",
                violation_error_message=_("A published percentage must be between 0 and 100."),
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

    objects = WithinQuerySet.as_manager()

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
    """One create, change or delete of an enrolment figure, a baseline, a target or a region: who, when, how, why.

    Written only by regions/actions.py, in the same transaction as the change itself.
    """

    class Kind(models.TextChoices):
        ENROLMENT = "enrolment", _("enrolment")
        BASELINE = "baseline", _("baseline")
        TARGET = "target", _("target")
        REGION = "region", _("region")

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
    # No database constraint: the history outlives a region that an undone import had created.
    region = models.ForeignKey(
        Region,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="changes",
        verbose_name=_("region"),
    )
    period = models.CharField(_("period"), max_length=7, help_text=_("YYYY-MM for enrolment, YYYY otherwise"))
    old = models.JSONField(_("old value"), null=True, blank=True)
    new = models.JSONField(_("new value"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    reverts = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reverted_by", verbose_name=_("reverts")
    )
    # The spreadsheet import that made the change (ucj.ImportBatch.uid), so an import can be undone.
    batch = models.UUIDField(_("import"), null=True, blank=True, db_index=True)

    objects = WithinQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("change")
        verbose_name_plural = _("history")
        indexes = [
            models.Index(fields=["region", "kind", "period"], name="change_region_kind_period"),
            # A subtree's history, newest first: a prefix range on the code, then the ids within it.
            models.Index(
                fields=["region", "id"], name="change_subtree_newest", opclasses=["varchar_pattern_ops", "int8_ops"]
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.kind} {self.region_id} {self.period}"


class RegionShape(models.Model):
    """A region's boundary for maps: a GeoJSON Polygon or MultiPolygon, simplified (data/boundaries/SOURCE.md)."""

    region = models.OneToOneField(
        Region, on_delete=models.CASCADE, primary_key=True, related_name="shape", verbose_name=_("region")
    )
    geometry = models.JSONField(_("boundary (GeoJSON)"))

    class Meta:
        verbose_name = _("region boundary")
        verbose_name_plural = _("region boundaries")

    def __str__(self) -> str:
        return f"{self.region_id} ({self.geometry.get('type', '?')})"


class DataVersion(models.Model):
    """Numbers that move with every write a page shows: cached pages are keyed by them, so none is stale.

    Bumped in the same transaction as the write (regions.actions and
    programs.actions record every change through one function each, which
    bumps it; a rebuild of the totals bumps it too). A reader sees the new
    number exactly when it sees the new data. Two rows: the figures' and the
    programs' (programs, meetings, commitments), so that a page's programme
    panels stay cached across a figure's write; a region's rename moves both.
    """

    FIGURES = 1
    PROGRAMS = 2

    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"data version {self.pk}: {self.version}"

    @classmethod
    def current(cls) -> int:
        return cls.objects.filter(pk=cls.FIGURES).values_list("version", flat=True).first() or 0

    @classmethod
    def both(cls) -> tuple[int, int]:
        """(figures, programs), in one query."""
        found = dict(cls.objects.filter(pk__in=[cls.FIGURES, cls.PROGRAMS]).values_list("pk", "version"))
        return found.get(cls.FIGURES, 0), found.get(cls.PROGRAMS, 0)

    @classmethod
    def bump(cls, *rows: int) -> None:
        for row in rows or (cls.FIGURES,):
            if not cls.objects.filter(pk=row).update(version=F("version") + 1):
                cls.objects.get_or_create(pk=row, defaults={"version": 1})


class RollupTotal(models.Model):
    """A region's figure for a month as the rules of the arithmetic see it, kept so a page reads one row per region.

    `participants` and `baseline` are always a matched pair: the region's own
    figure with its baseline in force (`reported`), or the sums over the
    matched set of children (those with a region-wide figure and a baseline
    for the month). The matched set's sums are kept in `children_*` in both
    cases, so an own figure can be compared with its children's. Kept by
    regions/rollups.py in the same transaction as every change of a figure or a
    baseline; 64-bit, so no sum of children can overflow.
    """

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    reported = models.BooleanField()
    participants = models.PositiveBigIntegerField()
    pu = models.PositiveBigIntegerField(null=True)
    bpu = models.PositiveBigIntegerField(null=True)
    jakon = models.PositiveBigIntegerField(null=True)
    pmi = models.PositiveBigIntegerField(null=True)
    baseline = models.PositiveBigIntegerField(null=True)
    baseline_year = models.PositiveSmallIntegerField(null=True)
    baseline_kind = models.CharField(max_length=24, blank=True)
    baseline_carried_forward = models.BooleanField(default=False)
    baseline_rolled_up = models.BooleanField(default=False)
    children_total = models.PositiveIntegerField(default=0)
    # Children with a region-wide figure (own or complete) this month, and of those, the ones with a baseline.
    children_reporting = models.PositiveIntegerField(default=0)
    children_matched = models.PositiveIntegerField(default=0)
    children_participants = models.PositiveBigIntegerField(null=True)
    children_baseline = models.PositiveBigIntegerField(null=True)
    # Which children were matched, as a short digest: months with the same digest sum the same regions.
    matched_set = models.CharField(max_length=16, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "month"], name="rollup_one_per_region_month")]
        indexes = [models.Index(fields=["month", "region"], name="rollup_month_region")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.month:%Y-%m}: {self.participants}"


class BaselineTotal(models.Model):
    """A region's baseline for a year: its own primary one, or the sum of every child's when all have one.

    A partial sum is never stored as a region's baseline. For a later year with
    no row of its own, the latest row before it is in force, carried forward.
    """

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    count = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=24)
    data_year = models.PositiveSmallIntegerField()
    carried_forward = models.BooleanField()
    reported = models.BooleanField()
    children_reported = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="baselinetotal_one_per_region_year")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year}: {self.count}"
