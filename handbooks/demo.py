"""The demo handbook: a published "Cẩm nang quản lý, điều phối hoạt động tình nguyện".

Keyed by slug: a page that already exists is left as it is, so running the builder again
changes nothing and creates no revisions; a page that was deleted is made again. The
figure (the ToT cascade), the cover and the XLSX plan template are generated here and kept
in the image and document libraries under fixed titles.
"""

import copy
import hashlib
import io
import shutil
import subprocess
from functools import cache

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .demo_content import CHAPTERS, HANDBOOK, PLAN_WORKBOOK, TOT_DIAGRAM
from .models import (
    ChapterPage,
    HandbookAuthor,
    HandbookEdition,
    HandbookIndexPage,
    HandbookPage,
    SectionPage,
)

IMAGE_TITLES = {
    "cover": "Cẩm nang điều phối tình nguyện — ảnh bìa",
    "tot-cascade": "Sơ đồ mô hình tập huấn giảng viên nguồn (ToT)",
}
DOCUMENT_TITLES = {"plan-xlsx": "Mẫu kế hoạch chiến dịch tình nguyện"}

GREEN, DARK, LIGHT, WHITE = "#0b6e4f", "#1f2933", "#e6f4ee", "#ffffff"


def handbook_demo_create() -> HandbookPage:
    """Build and publish the demo handbook under the handbook index, once."""
    with transaction.atomic():
        index = HandbookIndexPage.objects.get()
        handbook = HandbookPage.objects.child_of(index).filter(slug=HANDBOOK["slug"]).first()
        if handbook is None:
            handbook = _publish(index, _handbook_page())
        for chapter_spec in CHAPTERS:
            chapter = _readable(handbook, ChapterPage, chapter_spec)
            for section_spec in chapter_spec.get("sections", []):
                _readable(chapter, SectionPage, section_spec)
    return handbook


# --- Pages ----------------------------------------------------------------------------------


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _handbook_page() -> HandbookPage:
    page = HandbookPage(
        title=HANDBOOK["title"],
        slug=HANDBOOK["slug"],
        summary=HANDBOOK["summary"],
        cover=_image("cover"),
        audience_organisation="doan",
        edition=HANDBOOK["edition"],
        published_date=HANDBOOK["published_date"],
        authors=[HandbookAuthor(name=name, role=role) for name, role in HANDBOOK["authors"]],
        editions=[
            HandbookEdition(label=label, date=date, changes=changes)
            for label, date, changes in HANDBOOK["editions"]
        ],
    )
    page.tags.add(*HANDBOOK["tags"])
    return page


def _readable(parent, model, spec: dict):
    """The chapter or section `spec` under `parent`: the existing one, or a new published one."""
    existing = model.objects.child_of(parent).filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing
    page = model(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec.get("summary", ""),
        body=[{"type": kind, "value": _resolve(kind, value)} for kind, value in spec["body"]],
    )
    return _publish(parent, page)


def _resolve(kind: str, value):
    """Put the ids of generated files in place of the keys the content names them by."""
    if kind == "figure":
        value = {**copy.deepcopy(value), "image": _image(value["image"]).pk}
    elif kind == "document":
        value = {**copy.deepcopy(value), "document": _document(value["document"]).pk}
    return value


# --- Library files --------------------------------------------------------------------------


def _image(key: str):
    Image = get_image_model()
    title = IMAGE_TITLES[key]
    image = Image.objects.filter(title=title).order_by("pk").first()
    if image is None:
        data = {"cover": _cover_png, "tot-cascade": _tot_png}[key]()
        image = Image(
            title=title,
            file=ImageFile(io.BytesIO(data), name=f"{key}.png"),
            file_size=len(data),
            file_hash=_sha1(data),
        )
        image.save()
    return image


def _document(key: str):
    Document = get_document_model()
    title = DOCUMENT_TITLES[key]
    document = Document.objects.filter(title=title).order_by("pk").first()
    if document is None:
        data = _plan_xlsx()
        document = Document(
            title=title,
            file=ContentFile(data, name="mau-ke-hoach-chien-dich.xlsx"),
            file_size=len(data),
            file_hash=_sha1(data),
        )
        document.save()
    return document


def _sha1(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


# --- Drawing --------------------------------------------------------------------------------


@cache
def _font_file(bold: bool) -> str | None:
    """A system font with Vietnamese glyphs (DejaVu Sans), found by fontconfig."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    pattern = "DejaVu Sans:bold" if bold else "DejaVu Sans"
    try:
        found = subprocess.run(  # noqa: S603 — a fixed pattern, no user input
            [fc_match, "-f", "%{file}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return found or None


def _font(size: int, *, bold: bool = False):
    path = _font_file(bold)
    if path:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            pass
    return ImageFont.load_default(size)


def _png(image: PILImage.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _centred(draw, box, text: str, font, fill, *, dy: int = 0):
    left, top, right, bottom = box
    width = draw.textlength(text, font=font)
    x = left + (right - left - width) / 2
    y = top + (bottom - top) / 2 + dy
    draw.text((x, y), text, font=font, fill=fill, anchor="lm")


def _wrap(draw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def _arrow(draw, start, end, *, fill, width: int = 6, head: int = 18):
    (_, y0), (x1, y1) = start, end
    draw.line([start, end], fill=fill, width=width)
    direction = 1 if y1 > y0 else -1
    draw.polygon(
        [(x1, y1), (x1 - head, y1 - direction * head), (x1 + head, y1 - direction * head)],
        fill=fill,
    )


def _tot_png() -> bytes:
    """The ToT cascade: four tiers from central master trainers to volunteers."""
    width, height = 1200, 980
    image = PILImage.new("RGB", (width, height), WHITE)
    draw = ImageDraw.Draw(image)
    _centred(draw, (0, 20, width, 90), TOT_DIAGRAM["title"], _font(40, bold=True), DARK)
    name_font, note_font, arrow_font = _font(30, bold=True), _font(22), _font(22)
    box_w, box_h, gap, top = 720, 130, 92, 120
    left = (width - box_w) // 2 + 50
    boxes = []
    for row, (name, note) in enumerate(TOT_DIAGRAM["tiers"]):
        y = top + row * (box_h + gap)
        box = (left, y, left + box_w, y + box_h)
        boxes.append(box)
        shade = GREEN if row == 0 else LIGHT
        draw.rounded_rectangle(box, radius=18, fill=shade, outline=GREEN, width=4)
        ink = WHITE if row == 0 else DARK
        _centred(draw, box, name, name_font, ink, dy=-20)
        _centred(draw, box, note, note_font, ink, dy=26)
    centre = left + box_w // 2
    for upper, lower, label in zip(boxes, boxes[1:], TOT_DIAGRAM["arrows"], strict=False):
        _arrow(draw, (centre, upper[3] + 6), (centre, lower[1] - 6), fill=GREEN)
        draw.text(
            (centre + 24, (upper[3] + lower[1]) / 2), label, font=arrow_font, fill=DARK, anchor="lm"
        )
    # Feedback runs back up the cascade, on the left.
    x = left - 70
    _arrow(draw, (x, boxes[-1][3] - 30), (x, boxes[0][1] + 30), fill="#9aa5b1", width=5)
    for step, line in enumerate(_wrap(draw, TOT_DIAGRAM["feedback"], arrow_font, 140)):
        draw.text((x - 20, height // 2 + step * 28), line, font=arrow_font, fill=DARK, anchor="rm")
    return _png(image)


def _cover_png() -> bytes:
    width, height = 1200, 630
    image = PILImage.new("RGB", (width, height), GREEN)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height - 24, width, height), fill="#f2c14e")
    font = _font(64, bold=True)
    y = 150
    for line in _wrap(draw, HANDBOOK["title"], font, width - 160):
        draw.text((80, y), line, font=font, fill=WHITE)
        y += 84
    small = _font(30)
    draw.text((80, y + 30), "Theo Quyết định 1481/QĐ-TTg · 2022–2030", font=small, fill=LIGHT)
    draw.text((80, y + 80), HANDBOOK["edition"], font=small, fill=LIGHT)
    return _png(image)


# --- The plan template ------------------------------------------------------------------------


def _plan_xlsx() -> bytes:
    """A three-sheet workbook: the activity plan, the budget and the safety plan."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    spec = PLAN_WORKBOOK
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="E6F4EE")
    workbook = Workbook()

    def header_row(sheet, row: int, titles: list[str]):
        for col, title in enumerate(titles, start=1):
            cell = sheet.cell(row=row, column=col, value=title)
            cell.font, cell.fill = bold, head_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            sheet.column_dimensions[get_column_letter(col)].width = max(14, len(title) + 4)

    plan = workbook.active
    plan.title = "Kế hoạch"
    plan["A1"] = spec["title"]
    plan["A1"].font = Font(bold=True, size=14)
    for row, (label, value) in enumerate(spec["header"], start=3):
        plan.cell(row=row, column=1, value=label).font = bold
        plan.cell(row=row, column=2, value=value)
    first = 3 + len(spec["header"]) + 1
    header_row(plan, first, spec["activities"])
    for col, value in enumerate(spec["example"], start=1):
        plan.cell(row=first + 1, column=col, value=value)
    plan.column_dimensions["B"].width = 40
    plan.freeze_panes = plan.cell(row=first + 1, column=1)

    budget = workbook.create_sheet("Dự toán")
    header_row(budget, 1, spec["budget"])
    for row in range(2, 12):
        budget.cell(row=row, column=5, value=f"=C{row}*D{row}")
    budget.cell(row=12, column=4, value="Tổng cộng").font = bold
    budget.cell(row=12, column=5, value="=SUM(E2:E11)").font = bold

    risks = workbook.create_sheet("An toàn")
    header_row(risks, 1, spec["risks"])
    risks.cell(row=2, column=1, value="Đuối nước")
    risks.cell(row=2, column=2, value="Cao")
    risks.cell(row=2, column=3, value="Cấm tắm sông, suối; điểm danh đầu và cuối buổi")

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
