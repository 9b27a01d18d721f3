"""The certificates app's public services (state changes)."""

from .achievements import (
    certificate_issue_for_course,
    certificates_issue_for_class,
    certificates_issue_missing_for_courses,
)
from .faces import place_of
from .issuance import Achievement, Issued, certificate_issue
from .register import certificate_reissue, certificate_revoke, certificates_expire_due
from .rendering import (
    batch_pdf_render,
    certificate_pdf_bytes,
    certificate_pdf_ensure,
    certificates_pdf_render,
)
from .templates import NoTemplate, template_for, template_preview_pdf, template_version_for

__all__ = [
    "place_of",
    "Achievement",
    "Issued",
    "NoTemplate",
    "batch_pdf_render",
    "certificate_issue",
    "certificate_issue_for_course",
    "certificate_pdf_bytes",
    "certificate_pdf_ensure",
    "certificate_reissue",
    "certificate_revoke",
    "certificates_expire_due",
    "certificates_issue_for_class",
    "certificates_issue_missing_for_courses",
    "certificates_pdf_render",
    "template_for",
    "template_preview_pdf",
    "template_version_for",
]
