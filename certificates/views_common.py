"""Helpers shared by the certificate pages: status labels, private file responses."""

import re
from dataclasses import dataclass

from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import Certificate, Kind, Status
from certificates.selectors import effective_status
from organizations.text import fold

STATUS_MARKS = {
    Status.VALID: "✓",
    Status.REVOKED: "✕",
    Status.EXPIRED: "!",
    Status.REPLACED: "↻",
}


@dataclass
class Row:
    """A certificate with the status a reader must see today."""

    certificate: Certificate
    status: str

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def status_mark(self) -> str:
        return STATUS_MARKS[self.status]

    @property
    def kind_label(self) -> str:
        return Kind(self.certificate.kind).label


def rows(certificates) -> list[Row]:
    today = timezone.localdate()
    return [Row(c, effective_status(c, today)) for c in certificates]


def pdf_filename(certificate: Certificate) -> str:
    """Serial 125/GCN-TĐ of 2025 gives giay-chung-nhan-125-gcn-td-2025.pdf."""
    serial = re.sub(r"[^a-z0-9]+", "-", fold(certificate.serial)).strip("-")
    return f"giay-chung-nhan-{serial}-{certificate.serial_year}.pdf"


def private_file_response(field, filename: str, *, inline: bool = False) -> FileResponse:
    """Stream a file of the private storage after the caller has checked who asks."""
    try:
        handle = field.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404(_("Tệp không còn trên máy chủ.")) from exc
    response = FileResponse(
        handle, as_attachment=not inline, filename=filename, content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
