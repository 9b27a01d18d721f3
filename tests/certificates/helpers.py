"""Helpers shared by the certificates tests."""

import contextlib
import datetime
import io

from django.utils import timezone


@contextlib.contextmanager
def on_day(day: datetime.date):
    """Run the block as if today were `day` (for every caller of `timezone.localdate()`)."""
    real = timezone.localdate

    def fake(value=None, timezone=None):
        return day if value is None else real(value, timezone)

    timezone.localdate = fake
    try:
        yield
    finally:
        timezone.localdate = real


def pdf_pages_text(content: bytes) -> list[str]:
    """The text of each page of a PDF, as a reader extracts it."""
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def pdf_text(content: bytes) -> str:
    return "\n".join(pdf_pages_text(content))


def stored(field) -> bytes:
    """The bytes of a stored file field."""
    with field.storage.open(field.name, "rb") as handle:
        return handle.read()
