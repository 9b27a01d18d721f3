"""Certificate templates: how a certificate looks, kept per version once used.

Programme staff and organizers edit a template freely; the first issuance after a change
freezes the template's look into a new `TemplateVersion` with its compiled master PDF, so a
certificate issued earlier keeps exactly the look it was issued with.
"""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def private_storage():
    """Certificates carry personal data: their files are never served from public media."""
    return storages["private"]


class Kind(models.TextChoices):
    COURSE = "course", _("Hoàn thành khoá học")
    CLASS = "class", _("Hoàn thành lớp tập huấn")
    TRAINER = "trainer", _("Chứng nhận giảng viên")


class TrainerLevel(models.TextChoices):
    CENTRAL = "central", _("Giảng viên nguồn trung ương")
    PROVINCIAL = "provincial", _("Giảng viên cấp tỉnh")
    GRASSROOTS = "grassroots", _("Giảng viên cấp cơ sở")


class PageSize(models.TextChoices):
    A4 = "A4", "A4"
    A5 = "A5", "A5"


class Orientation(models.TextChoices):
    LANDSCAPE = "landscape", _("Khổ ngang")
    PORTRAIT = "portrait", _("Khổ dọc")


PLACEHOLDERS = {
    "ho_ten": _("họ và tên người được cấp"),
    "ngay_sinh": _("ngày sinh"),
    "noi_dung": _("tên khoá học, lớp hoặc cấp giảng viên"),
    "ket_qua": _("kết quả (điểm, xếp loại)"),
    "tu_ngay": _("ngày bắt đầu"),
    "den_ngay": _("ngày kết thúc"),
    "don_vi": _("đơn vị cấp"),
    "don_vi_cong_tac": _("đơn vị công tác của người được cấp"),
    "het_han": _("ngày hết hạn (giấy chứng nhận giảng viên)"),
}


class CertificateTemplate(models.Model):
    """The editable design of a kind of certificate for a unit's subtree (None: nationwide).
    Signature and seal images are what a forger needs, so they live in the private storage.

    Issuance picks the nearest active template of the kind up the issuing unit's tree.
    """

    name = models.CharField(_("tên mẫu"), max_length=150)
    kind = models.CharField(_("loại giấy chứng nhận"), max_length=16, choices=Kind.choices)
    owner_unit = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("đơn vị sở hữu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificate_templates",
        help_text=_("Để trống: mẫu dùng chung toàn quốc."),
    )
    title = models.CharField(_("tiêu đề"), max_length=120, default="GIẤY CHỨNG NHẬN")
    body = models.TextField(
        _("nội dung"),
        help_text=_("Dùng các ô thay thế trong ngoặc nhọn, ví dụ {ho_ten}, {noi_dung}, {ket_qua}."),
    )
    signer_title = models.CharField(
        _("chức danh người ký"), max_length=200, help_text=_("Mỗi dòng một dòng chữ.")
    )
    signer_name = models.CharField(_("họ tên người ký"), max_length=150)
    signature_image = models.ImageField(
        _("ảnh chữ ký"), upload_to="certificates/templates/", storage=private_storage, blank=True
    )
    seal_image = models.ImageField(
        _("ảnh con dấu"), upload_to="certificates/templates/", storage=private_storage, blank=True
    )
    background_image = models.ImageField(
        _("ảnh nền"), upload_to="certificates/templates/", storage=private_storage, blank=True
    )
    page_size = models.CharField(
        _("khổ giấy"), max_length=4, choices=PageSize.choices, default=PageSize.A4
    )
    orientation = models.CharField(
        _("hướng giấy"), max_length=16, choices=Orientation.choices, default=Orientation.LANDSCAPE
    )
    serial_symbol = models.CharField(
        _("ký hiệu số hiệu"),
        max_length=24,
        blank=True,
        help_text=_("Ví dụ GCN-TĐ. Để trống: ký hiệu theo cấp của đơn vị cấp."),
    )
    place = models.CharField(
        _("địa danh"),
        max_length=80,
        blank=True,
        help_text=_("Ghi trước ngày cấp, ví dụ “Lâm Đồng”. Để trống: theo tỉnh của đơn vị cấp."),
    )
    validity_years = models.PositiveSmallIntegerField(
        _("thời hạn (năm)"),
        null=True,
        blank=True,
        help_text=_("Chỉ dùng cho giấy chứng nhận giảng viên."),
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("mẫu giấy chứng nhận")
        verbose_name_plural = _("mẫu giấy chứng nhận")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(validity_years__isnull=True) | Q(validity_years__gte=1),
                name="certificate_template_validity_positive",
            )
        ]

    def __str__(self) -> str:
        return self.name


class TemplateVersion(models.Model):
    """One frozen look of a template: its fields and images as issued, and the compiled master
    PDF every certificate of this version is stamped from. Content-addressed by `fingerprint`,
    so unchanged templates reuse their version and concurrent issuers agree on it."""

    template = models.ForeignKey(
        CertificateTemplate, on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField()
    fingerprint = models.CharField(max_length=64)
    snapshot = models.JSONField()
    master_pdf = models.FileField(upload_to="certificates/masters/", storage=private_storage)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="template_version_number"),
            models.UniqueConstraint(
                fields=["template", "fingerprint"], name="template_version_fingerprint"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template} v{self.number}"
