"""Typesetting a handbook as one PDF with WeasyPrint (called only from a Celery task).

Everything the document needs is read locally: the fonts shipped in `static/fonts`
(through `file://` URLs) and images from Django's default storage (through `storage:`
URLs written by the templates, or `/media/...` URLs of the site). Nothing is fetched from
the network: a URL to another host is refused and the document renders without it.
"""

import mimetypes
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.core.files.utils import validate_file_name
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML, Document
from weasyprint.urls import URLFetcher, URLFetcherResponse

FONTS_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
TEMPLATE = "handbooks/pdf/handbook.html"
BLOCK_TEMPLATES = "handbooks/pdf/blocks/{}.html"
BLOCK_FALLBACK = "handbooks/pdf/blocks/_fallback.html"
# Images are scaled down to what A5 print needs and recompressed; the PDF is tagged
# (headings, paragraphs, lists, tables, alt text) so screen readers can follow it.
WRITE_OPTIONS = {"optimize_images": True, "jpeg_quality": 85, "dpi": 220, "pdf_tags": True}


@dataclass
class RenderedPdf:
    content: bytes
    pages: int


@dataclass
class PdfBlock:
    """One content block and the templates that print it (its own, else the web one)."""

    block: object
    templates: tuple[str, str]


@dataclass
class PdfPart:
    """A chapter or a section: its number, its page and its blocks, in reading order."""

    number: str
    page: object
    blocks: list[PdfBlock]
    sections: list["PdfPart"] = field(default_factory=list)


def pdf_blocks(stream) -> list[PdfBlock]:
    return [
        PdfBlock(block=block, templates=(BLOCK_TEMPLATES.format(block.block_type), BLOCK_FALLBACK))
        for block in stream
    ]


def pdf_parts(toc) -> list[PdfPart]:
    """The chapters of the table of contents with their sections, ready to print."""
    parts = []
    for chapter in toc:
        page = chapter.page.specific
        part = PdfPart(number=chapter.number, page=page, blocks=pdf_blocks(page.body))
        for section in chapter.children:
            child = section.page.specific
            part.sections.append(
                PdfPart(number=section.number, page=child, blocks=pdf_blocks(child.body))
            )
        parts.append(part)
    return parts


@cache
def _font_bytes(path: Path) -> bytes:
    return path.read_bytes()


class LocalFetcher(URLFetcher):
    """Serves the shipped fonts and files of the default storage; refuses anything else."""

    def __init__(self, *, site_url: str = "", **kwargs):
        kwargs.setdefault("allow_redirects", False)
        super().__init__(**kwargs)
        self._site_host = urlsplit(site_url).netloc

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "storage":
            return self._from_storage(url, unquote(url.split(":", 1)[1]))
        if scheme == "file":
            return self._font(url, Path(url2pathname(parts.path)))
        if scheme == "data":
            return super().fetch(url, headers)
        media_url = settings.MEDIA_URL
        if (
            scheme in ("http", "https")
            and parts.netloc == self._site_host
            and parts.path.startswith(media_url)
        ):
            return self._from_storage(url, unquote(parts.path[len(media_url) :]))
        raise ValueError(f"not fetched, the handbook PDF reads only local files: {url}")

    def _font(self, url: str, path: Path) -> URLFetcherResponse:
        path = path.resolve()
        if not path.is_relative_to(FONTS_DIR.resolve()) or not path.is_file():
            raise ValueError(f"not a shipped font: {url}")
        return URLFetcherResponse(url, _font_bytes(path), headers={"Content-Type": "font/ttf"})

    def _from_storage(self, url: str, name: str) -> URLFetcherResponse:
        try:
            validate_file_name(name, allow_relative_path=True)
        except SuspiciousFileOperation as exc:
            raise ValueError(f"not a stored file: {url}") from exc
        with default_storage.open(name, "rb") as stored:
            content = stored.read()
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, content, headers={"Content-Type": content_type})


def site_url() -> str:
    """Relative links of rich text (pages, documents) point at the site in the PDF."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"


def render_html(html: str) -> Document:
    """Lay out an HTML string with the local fetcher (fonts and storage only)."""
    base = site_url()
    return HTML(string=html, base_url=base, url_fetcher=LocalFetcher(site_url=base)).render()


def render_handbook_pdf(handbook) -> RenderedPdf:
    from .selectors import handbook_toc

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(
            TEMPLATE,
            {
                "handbook": handbook,
                "authors": list(handbook.authors.all()),
                "parts": pdf_parts(handbook_toc(handbook=handbook)),
                "fonts_dir": FONTS_DIR.as_uri(),
            },
        )
    document = render_html(html)
    return RenderedPdf(content=document.write_pdf(**WRITE_OPTIONS), pages=len(document.pages))
