"""The programme's four indicators (Decision 1481/QĐ-TTg): what units declare, the targets,
the computed figures per unit and the frozen mid-term and final reports.

Figures are never counted at read time: a `Snapshot` holds, for one reference date, one
`Rollup` row per unit and segment with the numerators and denominators of the unit's whole
subtree, so a dashboard reads a handful of rows whatever the size of the tree. See
docs/decisions/0013-indicators.md.
"""

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


def private_storage():
    """Reports name cadres' units and counts per unit: never served from public media."""
    return storages["private"]


class Indicator(models.TextChoices):
    A = "a", _("(a) Cấp bộ Đoàn, Hội ứng dụng công nghệ thông tin trong quản lý tình nguyện")
    B = "b", _("(b) Hoạt động tình nguyện được cập nhật trên cổng thông tin điện tử")
    C = "c", _("(c) Chiến dịch, hoạt động áp dụng mô hình quản lý đã được tập huấn")
    D = "d", _("(d) Cán bộ chuyên trách phụ trách tình nguyện được bồi dưỡng")


class Segment(models.TextChoices):
    """The slices a rollup is kept for: the whole subtree, each organisation (by the post or
    unit that counts), and each priority area (a unit is in the area when it or a unit
    above it carries the flag)."""

    ALL = "all", _("Toàn bộ")
    DOAN = "doan", _("Đoàn TNCS Hồ Chí Minh")
    HOI_LHTN = "hoi_lhtn", _("Hội LHTN Việt Nam")
    HOI_SV = "hoi_sv", _("Hội Sinh viên Việt Nam")
    ETHNIC = "ethnic", _("Vùng đồng bào dân tộc thiểu số")
    MOUNTAIN = "mountain", _("Miền núi")
    BORDER = "border", _("Biên giới")
    ISLAND = "island", _("Hải đảo")


class Declaration(models.Model):
    """What a unit declares for one year about its own activities (not its subtree's): the
    figures behind indicators (b) and (c), and (a) when it applies IT off the platform.

    Rows are never edited: a new declaration for the same year supersedes the previous one
    from its `declared_at`, so any past reference date sees what had been declared then,
    and who declared what stays on record.
    """

    unit = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="indicator_declarations",
    )
    year = models.PositiveSmallIntegerField(
        _("năm"), validators=[MinValueValidator(2022), MaxValueValidator(2030)]
    )
    activities_held = models.PositiveIntegerField(_("số hoạt động tình nguyện đã tổ chức"))
    activities_on_portal = models.PositiveIntegerField(
        _("số hoạt động được cập nhật trên cổng thông tin")
    )
    campaigns = models.PositiveIntegerField(_("số chiến dịch, hoạt động do Đoàn, Hội phát động"))
    campaigns_with_models = models.PositiveIntegerField(
        _("số chiến dịch, hoạt động áp dụng mô hình đã tập huấn")
    )
    applies_it = models.BooleanField(
        _("ứng dụng CNTT ngoài nền tảng"),
        default=False,
        help_text=_("Đơn vị quản lý hoạt động tình nguyện bằng phần mềm khác."),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người kê khai"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    declared_at = models.DateTimeField(_("thời điểm kê khai"), auto_now_add=True)
    request_key = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        verbose_name = _("kê khai chỉ tiêu")
        verbose_name_plural = _("kê khai chỉ tiêu")
        ordering = ["-declared_at", "-pk"]
        indexes = [models.Index(fields=["unit", "year", "declared_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(activities_on_portal__lte=F("activities_held")),
                name="declaration_portal_within_held",
            ),
            models.CheckConstraint(
                condition=Q(campaigns_with_models__lte=F("campaigns")),
                name="declaration_models_within_campaigns",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year} @ {self.declared_at:%Y-%m-%d %H:%M}"


class Target(models.Model):
    """A unit's own target for one indicator and year, for its whole subtree.

    The decision's targets are the floor (settings.INDICATOR_DEFAULT_TARGETS); a unit may
    only raise what applies to it, and the effective target of a unit is the highest set on
    it or above it.
    """

    unit = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="indicator_targets",
    )
    indicator = models.CharField(_("chỉ tiêu"), max_length=1, choices=Indicator.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    percent = models.DecimalField(
        _("chỉ tiêu (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("chỉ tiêu của đơn vị")
        verbose_name_plural = _("chỉ tiêu của đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "indicator", "year"], name="target_one_per_unit_indicator_year"
            ),
            models.CheckConstraint(
                condition=Q(percent__gte=0) & Q(percent__lte=100), name="target_percent_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.indicator} {self.year}: {self.percent}"


class Snapshot(models.Model):
    """The figures of the whole tree on one reference date.

    `live` is today's, recomputed after every change that affects it (marked `stale` in the
    same transaction, refreshed after commit) and every night; `period` snapshots are the
    quarter-ends the trend is drawn from, recomputed only when a change reaches back to
    them. A refresh writes a new generation of rollups and then switches `generation`, so
    readers never see a half-written snapshot.
    """

    class Kind(models.TextChoices):
        LIVE = "live", _("Hiện tại")
        PERIOD = "period", _("Cuối quý")

    class Structure(models.TextChoices):
        """The tree a quarter-end is added up in. A date before the latest restructuring
        has two: today's units (the past re-aggregated) and the units as they stood then.
        From that restructuring on they are the same, and only `today` is kept."""

        TODAY = "today", _("Cơ cấu hiện nay")
        PERIOD = "period", _("Cơ cấu tại thời điểm")

    kind = models.CharField(max_length=8, choices=Kind.choices)
    structure = models.CharField(max_length=8, choices=Structure.choices, default=Structure.TODAY)
    as_of = models.DateField()
    generation = models.PositiveIntegerField(default=0)
    claimed = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(null=True, blank=True)
    stale = models.BooleanField(default=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    has_segments = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=Q(kind="live"), name="snapshot_one_live"
            ),
            models.UniqueConstraint(
                fields=["kind", "as_of", "structure"],
                condition=Q(kind="period"),
                name="snapshot_period_date_structure",
            ),
            models.CheckConstraint(
                condition=Q(kind="period") | Q(structure="today"), name="snapshot_live_today"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.as_of} {self.structure}"


class Rollup(models.Model):
    """Numerators and denominators of one unit's subtree in one snapshot and segment.

    In a period-structure snapshot every unit of that date's tree has a whole-subtree row
    carrying its parent and name of that date, so a dashboard finds the children and names
    of the past in the same few indexed reads as today's."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="rollups")
    generation = models.PositiveIntegerField()
    unit = models.ForeignKey("organizations.OrgUnit", on_delete=models.CASCADE, related_name="+")
    segment = models.CharField(max_length=10, choices=Segment.choices)
    a_num = models.PositiveIntegerField(default=0)
    a_den = models.PositiveIntegerField(default=0)
    b_num = models.PositiveBigIntegerField(default=0)
    b_den = models.PositiveBigIntegerField(default=0)
    c_num = models.PositiveBigIntegerField(default=0)
    c_den = models.PositiveBigIntegerField(default=0)
    d_num = models.PositiveIntegerField(default=0)
    d_den = models.PositiveIntegerField(default=0)
    declared_units = models.PositiveIntegerField(default=0)
    parent = models.ForeignKey(
        "organizations.OrgUnit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    name = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "generation", "unit", "segment"], name="rollup_unique"
            )
        ]
        indexes = [
            models.Index(fields=["unit", "segment", "snapshot"], name="rollup_trend"),
            models.Index(
                fields=["snapshot", "generation", "parent"],
                condition=Q(parent__isnull=False),
                name="rollup_period_children",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.snapshot_id}/{self.unit_id}/{self.segment}"


class Report(models.Model):
    """A mid-term (2025) or final (2030) report of one unit, frozen at a cut-off date.

    The figures are computed once, in a Celery task, into `data`; the PDF and the workbook
    are rendered from `data` alone, so nothing that changes later can alter a report.
    One report per unit, kind and cut-off: asking again returns the same report.
    """

    class Kind(models.TextChoices):
        MIDTERM = "midterm", _("Sơ kết 2025")
        FINAL = "final", _("Tổng kết 2030")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Hoàn thành")
        FAILED = "failed", _("Lỗi")

    unit = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="indicator_reports",
    )
    kind = models.CharField(_("loại báo cáo"), max_length=8, choices=Kind.choices)
    cutoff = models.DateField(_("số liệu tính đến ngày"))
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=120, blank=True)
    error = models.TextField(blank=True)
    data = models.JSONField(null=True, blank=True)
    pdf = models.FileField(upload_to="indicators/reports/", storage=private_storage, blank=True)
    xlsx = models.FileField(upload_to="indicators/reports/", storage=private_storage, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo chỉ tiêu")
        verbose_name_plural = _("báo cáo chỉ tiêu")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "cutoff"], name="report_one_per_unit_kind_cutoff"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.kind} {self.cutoff}"
