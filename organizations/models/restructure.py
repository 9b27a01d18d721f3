from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .units import OrgUnit


class UnitChangeKind(models.TextChoices):
    MERGE = "merge", _("Sáp nhập")
    MOVE = "move", _("Chuyển đơn vị")
    SPLIT = "split", _("Chia tách")
    RENAME = "rename", _("Đổi tên")


class UnitChange(models.Model):
    """One dated restructuring of the unit tree, kept forever as the audit log.

    `plan` is what the dry run showed and the change then did (units, cadres, posts and
    classes that moved), so the log reads the same after later changes. `request_key`
    makes a doubled submission record and apply once.
    """

    kind = models.CharField(_("loại thay đổi"), max_length=8, choices=UnitChangeKind.choices)
    effective_on = models.DateField(_("có hiệu lực từ ngày"))
    scope = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị cấp trên chung"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Đơn vị nhỏ nhất chứa mọi đơn vị liên quan; "
            "ai xem được đơn vị này thì xem được thay đổi."
        ),
    )
    units = models.ManyToManyField(
        OrgUnit, related_name="changes", verbose_name=_("đơn vị liên quan")
    )
    plan = models.JSONField(default=dict)
    note = models.CharField(_("căn cứ (số quyết định)"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    request_key = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("thay đổi cơ cấu")
        verbose_name_plural = _("thay đổi cơ cấu")
        ordering = ["-effective_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_on:%d/%m/%Y}"


class UnitVersion(models.Model):
    """How a unit stood (parent, name, level) before a dated change.

    The tree as it was on a past date is today's tree with, for every unit, the earliest
    version whose `valid_until` is after that date laid over it; indicators for a past
    period are drawn in that structure when asked to.
    """

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="versions")
    change = models.ForeignKey(UnitChange, on_delete=models.CASCADE, related_name="versions")
    valid_until = models.DateField(help_text="Exclusive: the change's effective date.")
    parent = models.ForeignKey(OrgUnit, null=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=255)
    level = models.CharField(max_length=16)

    class Meta:
        ordering = ["unit_id", "valid_until", "id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "change"], name="unit_version_once_per_change"),
        ]
        indexes = [models.Index(fields=["valid_until"])]

    def __str__(self) -> str:
        return f"{self.name} < {self.valid_until}"
