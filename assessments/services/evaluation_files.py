"""What an evidence upload must be: PDF, JPEG, PNG, DOCX or XLSX up to 10 MB, proven by
the content's first bytes (and, for Office files, the parts inside the ZIP container) rather
than trusted from the file name."""

import os
import unicodedata
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024

# Allowed evidence: the extension names the format, the first bytes must prove it.
EVIDENCE_TYPES = {
    ".pdf": "pdf",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".png": "png",
    ".docx": "docx",
    ".xlsx": "xlsx",
}


def evidence_name(file) -> str:
    name = unicodedata.normalize("NFC", os.path.basename(file.name or "").strip()) or "tep"
    stem, ext = os.path.splitext(name)
    return stem[: 255 - len(ext)] + ext


def _sniff(file) -> str | None:
    """The format the content really is, whatever the file is called."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            file.seek(0)
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
    return None


def check_evidence_file(file, name: str) -> str:
    """The file's extension once it is an allowed type, size and content."""
    ext = os.path.splitext(name)[1].lower()
    expected = EVIDENCE_TYPES.get(ext)
    if expected is None:
        raise ValidationError(
            _("Tệp “%(name)s” không được nhận: chỉ nhận tệp PDF, JPEG, PNG, DOCX hoặc XLSX.")
            % {"name": name}
        )
    size = getattr(file, "size", None) or 0
    if size == 0:
        raise ValidationError(_("Tệp “%(name)s” rỗng.") % {"name": name})
    if size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            _("Tệp “%(name)s” nặng %(size)s MB, vượt giới hạn 10 MB.")
            % {"name": name, "size": f"{size / 1024 / 1024:.1f}".replace(".", ",")}
        )
    if _sniff(file) != expected:
        raise ValidationError(
            _(
                "Nội dung tệp “%(name)s” không phải tệp %(kind)s thật; hãy tải lên đúng tệp "
                "PDF, JPEG, PNG, DOCX hoặc XLSX."
            )
            % {"name": name, "kind": expected.upper()}
        )
    return ext
