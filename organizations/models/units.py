from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node


class Organisation(models.TextChoices):
    DOAN = "doan", _("Đoàn TNCS Hồ Chí Minh")
    HOI_LHTN = "hoi_lhtn", _("Hội LHTN Việt Nam")
    HOI_SV = "hoi_sv", _("Hội Sinh viên Việt Nam")


class Level(models.TextChoices):
    CENTRAL = "central", _("Trung ương")
    PROVINCE = "province", _("Tỉnh/thành")
    DISTRICT = "district", _("Huyện (trước 2025)")
    GRASSROOTS = "grassroots", _("Cơ sở")
    BRANCH = "branch", _("Chi đoàn/chi hội")


class OrgUnit(MP_Node):
    """A Đoàn/Hội unit at some level; the materialized path makes subtree queries one LIKE.

    Permissions, cadre lists and every indicator are scoped to a subtree, so the tree is
    the spine of the platform. Units are deactivated, never deleted: history points at them.
    """

    name = models.CharField(_("tên đơn vị"), max_length=255)
    code = models.CharField(_("mã đơn vị"), max_length=32, unique=True)
    organisation = models.CharField(
        _("tổ chức"), max_length=16, choices=Organisation.choices, default=Organisation.DOAN
    )
    level = models.CharField(_("cấp"), max_length=16, choices=Level.choices)
    admin_code = models.CharField(
        _("mã đơn vị hành chính"),
        max_length=16,
        blank=True,
        help_text=_("Mã tỉnh hoặc mã xã theo danh mục hành chính (nếu có)."),
    )
    is_ethnic_minority_area = models.BooleanField(
        _("vùng đồng bào dân tộc thiểu số"), default=False
    )
    is_mountain = models.BooleanField(_("miền núi"), default=False)
    is_border = models.BooleanField(_("biên giới"), default=False)
    is_island = models.BooleanField(_("hải đảo"), default=False)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    established_on = models.DateField(
        _("thành lập từ ngày"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu đơn vị đã có từ trước khi chương trình bắt đầu."),
    )
    dissolved_on = models.DateField(_("giải thể/sáp nhập từ ngày"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        indexes = [
            models.Index(fields=["level", "organisation"]),
            models.Index(
                fields=["depth", "path"],
                name="orgunit_depth_path",
                opclasses=["int4_ops", "varchar_pattern_ops"],
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_priority_area(self) -> bool:
        return self.is_ethnic_minority_area or self.is_mountain or self.is_border or self.is_island

    def is_within(self, other: "OrgUnit") -> bool:
        """True when this unit is `other` or lies in its subtree."""
        return self.path.startswith(other.path)
