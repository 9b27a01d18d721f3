"""The certificate register (sổ cấp giấy chứng nhận): one row per certificate ever issued.

A certificate belongs to one achievement of one cadre ("course:12", "class:7",
"trainer:provincial"). At most one certificate per achievement is current, which the
database enforces; reissuing replaces the current one and keeps the old row in history.
Serial numbers run per issuing unit and year, also enforced by the database.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .templates import Kind, TrainerLevel, private_storage


class Status(models.TextChoices):
    VALID = "valid", _("Còn hiệu lực")
    REVOKED = "revoked", _("Đã thu hồi")
    EXPIRED = "expired", _("Hết hạn")
    REPLACED = "replaced", _("Đã được cấp lại")


class SerialBook(models.Model):
    """The last serial number used by a unit in a year; locked while numbers are taken."""

    unit = models.ForeignKey("organizations.OrgUnit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="serial_book_unit_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}: {self.last_number}"


class IssueBatch(models.Model):
    """A bulk issuance for a class: who asked, how many, and the class's printable PDF."""

    training_class = models.ForeignKey(
        "courses.TrainingClass", on_delete=models.PROTECT, related_name="certificate_batches"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    issued_count = models.PositiveIntegerField(default=0)
    pdf = models.FileField(upload_to="certificates/batches/", storage=private_storage, blank=True)
    pdf_rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.training_class_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class Certificate(models.Model):
    """One issued certificate with the data it was issued with (`data`), so neither a later
    template change nor a later change to the cadre's record alters what it says."""

    code = models.CharField(_("mã xác minh"), max_length=24, unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    cadre = models.ForeignKey(
        "organizations.Cadre", on_delete=models.PROTECT, related_name="certificates"
    )
    achievement = models.CharField(max_length=64)
    course = models.ForeignKey(
        "courses.CoursePage", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    training_class = models.ForeignKey(
        "courses.TrainingClass",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    trainer_level = models.CharField(
        _("cấp giảng viên"), max_length=16, choices=TrainerLevel.choices, blank=True
    )
    issuing_unit = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("đơn vị cấp"),
        on_delete=models.PROTECT,
        related_name="certificates_issued",
    )
    serial_year = models.PositiveSmallIntegerField()
    serial_number = models.PositiveIntegerField()
    serial = models.CharField(_("số hiệu"), max_length=48)
    template_version = models.ForeignKey(
        "certificates.TemplateVersion", on_delete=models.PROTECT, related_name="certificates"
    )
    data = models.JSONField()
    issued_on = models.DateField(_("ngày cấp"))
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    batch = models.ForeignKey(
        IssueBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="certificates"
    )
    valid_until = models.DateField(_("có giá trị đến"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=Status.choices, default=Status.VALID
    )
    is_current = models.BooleanField(default=True)
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_reason = models.TextField(_("lý do thu hồi"), blank=True)
    pdf = models.FileField(upload_to="certificates/issued/", storage=private_storage, blank=True)
    pdf_signed = models.BooleanField(default=False)
    pdf_rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("giấy chứng nhận")
        verbose_name_plural = _("giấy chứng nhận")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cadre", "achievement"],
                condition=Q(is_current=True),
                name="certificate_one_current_per_achievement",
            ),
            models.UniqueConstraint(
                fields=["issuing_unit", "serial_year", "serial_number"],
                name="certificate_serial_unique",
            ),
            models.CheckConstraint(
                condition=~Q(status="revoked") | Q(revoked_at__isnull=False),
                name="certificate_revoked_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(kind="trainer") | Q(valid_until__isnull=False),
                name="certificate_trainer_expires",
            ),
        ]
        indexes = [models.Index(fields=["status", "valid_until"], name="certificate_expiry")]

    def __str__(self) -> str:
        return self.serial


class CertificateEvent(models.Model):
    """The audit log: every change to the register, by whom, when and why."""

    class Action(models.TextChoices):
        ISSUED = "issued", _("Cấp mới")
        RENDERED = "rendered", _("Tạo tệp PDF")
        REVOKED = "revoked", _("Thu hồi")
        REISSUED = "reissued", _("Cấp lại")
        REPLACED = "replaced", _("Được thay thế")
        EXPIRED = "expired", _("Hết hạn")

    certificate = models.ForeignKey(Certificate, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=16, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.certificate_id} {self.action}"
