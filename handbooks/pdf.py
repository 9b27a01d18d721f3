"""Typesetting a handbook as one PDF with WeasyPrint (called only from a Celery task)."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

FONTS_DIR = Path(settings.BASE_DIR) / "static" / "fonts"


@dataclass
class RenderedPdf:
    content: bytes
    pages: int


def render_handbook_pdf(handbook) -> RenderedPdf:
    from weasyprint import HTML

    from .selectors import handbook_toc

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            "handbooks/pdf/handbook.html",
            {
                "handbook": handbook,
                "toc": handbook_toc(handbook=handbook),
                "fonts_dir": FONTS_DIR.as_uri(),
            },
        )
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    return RenderedPdf(content=document.write_pdf(), pages=len(document.pages))
