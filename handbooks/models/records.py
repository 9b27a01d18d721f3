"""Records kept beside the page tree: rendered PDFs and reading progress."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HandbookPdf(models.Model):
    """The stored PDF of a handbook's live content.

    Kept outside the page so that a render never touches a page revision; the fingerprint
    of the live revisions it was made from lets a repeated render task do nothing.
    """

    handbook = models.OneToOneField(
        "handbooks.HandbookPage", on_delete=models.CASCADE, related_name="pdf_record"
    )
    file = models.FileField(upload_to="handbooks/pdf/", max_length=255)
    fingerprint = models.CharField(max_length=64)
    pages = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    rendered_at = models.DateTimeField()

    class Meta:
        verbose_name = _("bản PDF cẩm nang")

    def __str__(self) -> str:
        return self.file.name


class ReadingProgress(models.Model):
    """Where a reader last was in a handbook: drives "continue reading"."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reading_progress"
    )
    handbook = models.ForeignKey(
        "handbooks.HandbookPage", on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tiến độ đọc")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "handbook"], name="reading_progress_one_per_handbook"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.handbook}"
