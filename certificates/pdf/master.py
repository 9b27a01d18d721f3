"""Compiling a template version into a master PDF (slow, once per version).

WeasyPrint typesets the static layer (background, headings, title, signer block, signature,
seal) as PDF/A-2b from `templates/certificates/pdf/certificate.html`. pypdf then adds the three
subset faces the stamper writes with, wraps the page's content in q/Q so appended content
starts from a clean graphics state, and records the layout in the page's /PieceInfo. The
result is written with a classic cross-reference table and no object streams, so the stamper
can copy its objects byte for byte.
"""

import base64
import dataclasses
import io
import json
from datetime import UTC, datetime

import segno
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import images
from .design import CertificateFace, Layout, TemplateDesign, layout_for
from .fonts import (
    FONT_FILES,
    FONTS_DIR,
    RESOURCE_NAMES,
    FontMetrics,
    subset_program,
    subset_tag,
    to_unicode_cmap,
)

TEMPLATE = "certificates/pdf/certificate.html"
PIECE = "/SucTreCertificate"
FORMAT = 1
PDF_VARIANT = "pdf/a-2b"
# A certificate stays under 100 KB: its master is held under MASTER_BUDGET (the rest is room
# for the page's own text and QR code) by giving the background what the rest leaves.
MASTER_BUDGET = 93_000
BACKGROUND_BUDGET = 36_000
MIN_BACKGROUND_BUDGET = 8_000


class LocalFetcher(URLFetcher):
    """Serves the shipped fonts and data: URLs (the images); refuses anything else."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith("file://"):
            path = FONTS_DIR / url.rsplit("/", 1)[-1]
            if path.name in FONT_FILES.values() and path.is_file():
                return URLFetcherResponse(
                    url, path.read_bytes(), headers={"Content-Type": "font/ttf"}
                )
        raise ValueError(f"not fetched, a certificate reads only its own images: {url}")


def _data_uri(image: bytes | None) -> str:
    if not image:
        return ""
    kind = "image/png" if image.startswith(b"\x89PNG") else "image/jpeg"
    return f"data:{kind};base64,{base64.b64encode(image).decode('ascii')}"


def _pt(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") + "pt"


def _css(box, *, line_height: float | None = None) -> str:
    style = f"left:{_pt(box.x)};top:{_pt(box.y)};width:{_pt(box.width)};height:{_pt(box.height)};"
    size = getattr(box, "size", None)
    if size:
        style += f"font-size:{_pt(size)};"
    if line_height:
        style += f"line-height:{line_height:.3f};"
    return style


def prepared(design: TemplateDesign, background_budget: int = BACKGROUND_BUDGET) -> TemplateDesign:
    """The design with its images scaled and recompressed for print (see images.py)."""
    layout = layout_for(design.page_size, design.orientation)
    changes = {}
    if design.background_image:
        changes["background_image"] = images.background(
            design.background_image, layout.width, layout.height, background_budget
        )
    for field, box in (("seal_image", "seal"), ("signature_image", "signature")):
        if getattr(design, field):
            area = layout.boxes[box]
            changes[field] = images.overlay(getattr(design, field), area.width, area.height, box)
    return dataclasses.replace(design, **changes)


def certificate_html(
    design: TemplateDesign, face: CertificateFace | None = None, layout: Layout | None = None
) -> str:
    """The certificate as one HTML page: the static layer only, or with a face typeset too.

    The master is compiled from the static layer; the whole certificate as HTML is what a
    naive renderer would typeset per certificate (the benchmark's baseline). Images are used
    as given: pass a `prepared` design.
    """
    layout = layout or layout_for(design.page_size, design.orientation)
    css = {name: _css(box) for name, box in layout.boxes.items()}
    css.update({name: _css(slot, line_height=slot.leading) for name, slot in layout.slots.items()})
    css["qr"] = _css(layout.qr)
    context = {
        "design": design,
        "face": face,
        "css": css,
        "page_width": _pt(layout.width),
        "page_height": _pt(layout.height),
        "rule_width": _pt(layout.slots["issuing_unit"].rule_below),
        "fonts_dir": FONTS_DIR.as_uri(),
        "background": _data_uri(design.background_image),
        "seal": _data_uri(design.seal_image),
        "signature": _data_uri(design.signature_image),
        "header_right": design.header_right.split("\n", 1) if design.header_right else None,
    }
    if face is not None:
        qr = segno.make(face.verify_url, error="m", micro=False)
        context["qr"] = qr.svg_data_uri(border=4)
    return render_to_string(TEMPLATE, context)


def html_pdf(html: str) -> bytes:
    """One WeasyPrint render of a certificate page as PDF/A-2b, with local files only."""
    return HTML(string=html, url_fetcher=LocalFetcher()).write_pdf(pdf_variant=PDF_VARIANT)


def _stream(data: bytes, compress: bool = True, **entries) -> StreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    for key, value in entries.items():
        stream[NameObject(f"/{key}")] = value
    return stream.flate_encode(level=9) if compress else stream


def _add_font(writer: PdfWriter, key: str) -> IndirectObject:
    """A subset face as Type0 / CIDFontType2, Identity-H, with /W and ToUnicode."""
    program = subset_program(key)
    metrics = FontMetrics.from_program(program)
    base = NameObject(f"/{subset_tag(program)}+{metrics.postscript_name}")
    add = writer._add_object
    file_ref = add(_stream(program, Length1=NumberObject(len(program))))
    descriptor = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/FontDescriptor"),
            NameObject("/FontName"): base,
            NameObject("/Flags"): NumberObject(4 | (64 if metrics.italic_angle else 0)),
            NameObject("/FontBBox"): ArrayObject(NumberObject(v) for v in metrics.bbox),
            NameObject("/ItalicAngle"): FloatObject(metrics.italic_angle),
            NameObject("/Ascent"): NumberObject(round(metrics.ascent)),
            NameObject("/Descent"): NumberObject(round(metrics.descent)),
            NameObject("/CapHeight"): NumberObject(metrics.cap_height),
            NameObject("/StemV"): NumberObject(120 if key == "bold" else 80),
            NameObject("/FontFile2"): file_ref,
        }
    )
    system_info = DictionaryObject(
        {
            NameObject("/Registry"): TextStringObject("Adobe"),
            NameObject("/Ordering"): TextStringObject("Identity"),
            NameObject("/Supplement"): NumberObject(0),
        }
    )
    cid_font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/CIDFontType2"),
            NameObject("/BaseFont"): base,
            NameObject("/CIDSystemInfo"): system_info,
            NameObject("/FontDescriptor"): add(descriptor),
            NameObject("/W"): ArrayObject(
                [NumberObject(0), ArrayObject(NumberObject(w) for w in metrics.widths)]
            ),
            NameObject("/CIDToGIDMap"): NameObject("/Identity"),
        }
    )
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type0"),
            NameObject("/BaseFont"): base,
            NameObject("/Encoding"): NameObject("/Identity-H"),
            NameObject("/DescendantFonts"): ArrayObject([add(cid_font)]),
            NameObject("/ToUnicode"): add(_stream(to_unicode_cmap(metrics))),
        }
    )
    return add(font)


def _compose(static_pdf: bytes, layout: Layout) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(static_pdf), strict=True))
    writer.pdf_header = b"%PDF-1.7"
    page = writer.pages[0]
    resources = page.raw_get("/Resources")
    if not isinstance(resources, IndirectObject):
        page[NameObject("/Resources")] = writer._add_object(resources)
    resources = page["/Resources"].get_object()
    if "/Font" not in resources:
        resources[NameObject("/Font")] = DictionaryObject()
    fonts = resources["/Font"].get_object()
    for key in FONT_FILES:
        fonts[NameObject(f"/{RESOURCE_NAMES[key]}")] = _add_font(writer, key)
    if "/Group" in page and not isinstance(page.raw_get("/Group"), IndirectObject):
        page[NameObject("/Group")] = writer._add_object(page["/Group"])
    contents = page.raw_get("/Contents")
    contents = list(contents) if isinstance(contents, ArrayObject) else [contents]
    page[NameObject("/Contents")] = ArrayObject(
        [
            writer._add_object(_stream(b"q\n", compress=False)),
            *contents,
            writer._add_object(_stream(b"Q\n", compress=False)),
        ]
    )
    page.pop("/Annots", None)
    private = json.dumps({"format": FORMAT, "layout": layout.to_json()}, ensure_ascii=True)
    page[NameObject("/PieceInfo")] = DictionaryObject(
        {
            NameObject(PIECE): DictionaryObject(
                {
                    NameObject("/LastModified"): TextStringObject(
                        datetime.now(UTC).strftime("D:%Y%m%d%H%M%SZ")
                    ),
                    NameObject("/Private"): TextStringObject(private),
                }
            )
        }
    )
    writer.generate_file_identifiers()
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def master_compile(design: TemplateDesign) -> bytes:
    """Slow, once per template version: a self-sufficient master PDF.

    It is itself a valid PDF/A-2b page (the blank certificate) and carries everything the
    stamper needs — static layer, fonts, layout — so certificates stamped from the stored
    bytes never depend on the template's current state.
    """
    layout = layout_for(design.page_size, design.orientation)
    budget = BACKGROUND_BUDGET
    while True:
        static_pdf = html_pdf(certificate_html(prepared(design, budget), layout=layout))
        master = _compose(static_pdf, layout)
        excess = len(master) - MASTER_BUDGET
        if excess <= 0 or not design.background_image or budget <= MIN_BACKGROUND_BUDGET:
            return master
        budget = max(MIN_BACKGROUND_BUDGET, budget - excess - 1_000)


def master_layout(page) -> Layout:
    """The layout recorded in a master's page (pypdf page object)."""
    try:
        private = page["/PieceInfo"][PIECE]["/Private"]
        data = json.loads(str(private))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError("not a certificate master: no layout recorded") from exc
    if data.get("format") != FORMAT:
        raise ValueError(f"unknown certificate master format: {data.get('format')!r}")
    return Layout.from_json(data["layout"])
