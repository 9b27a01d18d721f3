from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from .units import OrgUnit


def private_storage():
    """Uploaded lists carry personal data (national IDs, phones): never public media."""
    return storages["private"]


class ImportStatus(models.TextChoices):
    VALIDATING = "validating", _("Đang kiểm tra")
    INVALID = "invalid", _("Có lỗi")
    READY = "ready", _("Sẵn sàng nhập")
    IMPORTING = "importing", _("Đang nhập")
    DONE = "done", _("Đã nhập")
    FAILED = "failed", _("Không nhập được")


class ImportJob(models.Model):
    """One uploaded spreadsheet on its way into the database.

    Organizers keep their lists in Excel; a file is checked in the background, shown as
    errors or as a preview, and written only when the organizer confirms, in one
    transaction. The job keeps the file, the outcome and who did it, so a large file does
    not hold a web request and a doubled confirm is refused by the status transition.
    `kind` names a registered import (see `organizations.imports.registry`); `target_id`
    is what some kinds import into (a class for a roster).
    """

    kind = models.CharField(_("loại dữ liệu"), max_length=32)
    scope_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.BigIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(upload_to="imports/", storage=private_storage)
    parsed = models.FileField(upload_to="imports/parsed/", storage=private_storage, blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=ImportStatus.choices,
        default=ImportStatus.VALIDATING,
    )
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    error_count = models.PositiveIntegerField(default=0)
    preview = models.JSONField(default=list, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    request_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lượt nhập dữ liệu")
        verbose_name_plural = _("lượt nhập dữ liệu")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} — {self.original_name}"

    @property
    def is_running(self) -> bool:
        return self.status in (ImportStatus.VALIDATING, ImportStatus.IMPORTING)
