from django.db import models
from django.utils.translation import gettext_lazy as _

from ..text import fold
from .units import OrgUnit


class LegacyLevel(models.TextChoices):
    PROVINCE = "province", _("Tỉnh/thành (cũ)")
    DISTRICT = "district", _("Quận/huyện (cũ)")
    WARD = "ward", _("Phường/xã (cũ)")


class LegacyUnit(models.Model):
    """An administrative unit as it was before 1 July 2025, and the unit of today it became.

    Cadre lists and class rosters from 2022–2025 name the 63 old provinces, their districts
    and communes; this table lets such records land in today's tree without anyone
    re-deciding, record by record, where a merged commune went. Rows are reference data,
    rebuilt by `legacy_units_load`; see docs/decisions/0014-legacy-units.md.
    """

    level = models.CharField(_("cấp"), max_length=16, choices=LegacyLevel.choices)
    code = models.CharField(
        _("mã cũ"),
        max_length=5,
        help_text=_("Mã thống kê trước 2025: 2 chữ số (tỉnh), 3 (huyện), 5 (xã)."),
    )
    name = models.CharField(_("tên đơn vị cũ"), max_length=255)
    district_name = models.CharField(_("quận/huyện cũ"), max_length=255, blank=True)
    province_name = models.CharField(_("tỉnh/thành cũ"), max_length=255)
    search_name = models.CharField(max_length=800, blank=True, editable=False)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("đơn vị hiện nay"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="legacy_units",
    )
    divided = models.BooleanField(
        _("đã chia tách"),
        default=False,
        help_text=_(
            "Đơn vị cũ được chia cho nhiều đơn vị mới; dữ liệu cũ được quy về đơn vị mặc định."
        ),
    )
    source = models.CharField(_("nguồn dữ liệu"), max_length=64)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("đơn vị hành chính cũ")
        verbose_name_plural = _("đơn vị hành chính cũ")
        constraints = [
            models.UniqueConstraint(fields=["level", "code"], name="legacy_unit_level_code"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def save(self, *args, **kwargs):
        self.search_name = self.search_key(self.name, self.district_name, self.province_name)
        super().save(*args, **kwargs)

    @staticmethod
    def search_key(name: str, district_name: str, province_name: str) -> str:
        """The folded text the legacy-unit search matches on; bulk writes set it too."""
        return fold(" ".join(part for part in (name, district_name, province_name) if part))
