"""What a certificate looks like: the static design, the per-certificate face, the page layout.

The layout is one table of boxes in points for an A4 page in each orientation; A5 is the same
page scaled by 1/√2. The master HTML places the static layer in these boxes and the stamper
writes the variable text into the others, so both layers always line up. The layout is frozen
into each master, so a later change of this table never moves text on certificates stamped
from an older master.
"""

import math
from dataclasses import asdict, dataclass, fields

PAGE_SIZES = {"A4": (595.276, 841.89), "A5": (419.528, 595.276)}  # portrait width, height
ORIENTATIONS = ("landscape", "portrait")

RED = (0.64, 0.07, 0.09)
INK = (0.11, 0.11, 0.13)
ITALIC = 0.21  # tan 12°, the slant of Noto Serif Italic


@dataclass(frozen=True)
class TemplateDesign:
    """The static look of one template version, typeset once into a master."""

    title: str
    signer_title: str
    signer_name: str
    page_size: str
    orientation: str
    signature_image: bytes | None = None
    seal_image: bytes | None = None
    background_image: bytes | None = None
    # Top-right heading of state bodies, e.g. "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập -
    # Tự do - Hạnh phúc"; empty for Đoàn and Hội certificates, which have none.
    header_right: str = ""


@dataclass(frozen=True)
class CertificateFace:
    """The text of one certificate, already filled in."""

    organisation: str
    issuing_unit: str
    serial: str
    holder_name: str
    body: str
    place_date: str
    valid_until: str
    code: str
    verify_url: str

    def key(self) -> bytes:
        """Every field, unambiguously joined: what the document /ID is derived from."""
        return "\x1f".join(getattr(self, f.name) for f in fields(self)).encode()


@dataclass(frozen=True)
class Slot:
    """A box of variable text: top-left corner and size in points from the top of the page."""

    x: float
    y: float
    width: float
    height: float
    font: str  # "regular" | "bold"
    size: float
    min_size: float
    leading: float = 1.3
    color: tuple[float, float, float] = INK
    max_lines: int = 1
    rule_below: float = 0.0  # length of the short rule under the text (administrative style)
    slant: float = 0.0  # horizontal shear of the glyphs: an italic line drawn with its face


@dataclass(frozen=True)
class Box:
    """A box of the static layer (title, signer block, images), same coordinates as Slot."""

    x: float
    y: float
    width: float
    height: float
    size: float = 12.0


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    slots: dict[str, Slot]
    boxes: dict[str, Box]
    qr: Box  # size = width = height; the QR code with its quiet zone fills it

    def to_json(self) -> dict:
        return {
            "width": self.width,
            "height": self.height,
            "slots": {name: asdict(slot) for name, slot in self.slots.items()},
            "qr": asdict(self.qr),
        }

    @classmethod
    def from_json(cls, data: dict) -> "Layout":
        slots = {}
        for name, values in data["slots"].items():
            values = dict(values, color=tuple(values["color"]))
            slots[name] = Slot(**values)
        return cls(
            width=data["width"], height=data["height"], slots=slots, boxes={}, qr=Box(**data["qr"])
        )


def _landscape() -> tuple[dict, dict, Box]:
    slots = {
        "organisation": Slot(60, 58, 340, 18, "regular", 12, 8),
        "issuing_unit": Slot(60, 76, 340, 18, "bold", 12, 8, rule_below=70),
        "serial": Slot(60, 102, 340, 16, "regular", 11, 8),
        "holder_name": Slot(111, 192, 620, 44, "bold", 28, 12, leading=1.4, color=RED),
        "body": Slot(101, 240, 640, 122, "regular", 14, 9, leading=1.4, max_lines=12),
        "valid_until": Slot(121, 364, 600, 18, "regular", 12, 8, slant=ITALIC),
        "code": Slot(50, 500, 176, 14, "regular", 9.5, 6),
        "place_date": Slot(442, 392, 340, 20, "regular", 13, 8, slant=ITALIC),
    }
    boxes = {
        "header_right": Box(442, 58, 340, 40, 12),
        "title": Box(71, 132, 700, 52, 34),
        "signer_title": Box(442, 414, 340, 36, 12.5),
        "seal": Box(472, 430, 100, 100),
        "signature": Box(542, 452, 150, 64),
        "signer_name": Box(442, 522, 340, 20, 13),
    }
    return slots, boxes, Box(86, 392, 104, 104)


def _portrait() -> tuple[dict, dict, Box]:
    slots = {
        "organisation": Slot(36, 60, 270, 18, "regular", 12, 8),
        "issuing_unit": Slot(36, 78, 270, 18, "bold", 12, 8, rule_below=70),
        "serial": Slot(36, 104, 270, 16, "regular", 11, 8),
        "holder_name": Slot(58, 246, 480, 42, "bold", 26, 11, leading=1.4, color=RED),
        "body": Slot(58, 300, 480, 238, "regular", 14, 9, leading=1.45, max_lines=20),
        "valid_until": Slot(58, 546, 480, 18, "regular", 12, 8, slant=ITALIC),
        "code": Slot(34, 730, 176, 14, "regular", 9.5, 6),
        "place_date": Slot(286, 598, 280, 20, "regular", 13, 8, slant=ITALIC),
    }
    boxes = {
        "header_right": Box(306, 60, 260, 40, 11),
        "title": Box(48, 172, 500, 48, 30),
        "signer_title": Box(286, 620, 280, 36, 12.5),
        "seal": Box(300, 636, 100, 100),
        "signature": Box(372, 660, 150, 62),
        "signer_name": Box(286, 734, 280, 20, 13),
    }
    return slots, boxes, Box(70, 614, 110, 110)


def _scaled(item, factor: float):
    values = asdict(item)
    for name in ("x", "y", "width", "height", "size", "min_size", "rule_below"):
        if name in values:
            values[name] = round(values[name] * factor, 3)
    if "color" in values:
        values["color"] = tuple(values["color"])
    return type(item)(**values)


def layout_for(page_size: str, orientation: str) -> Layout:
    """The layout of a page size and orientation; ValueError for anything else."""
    if page_size not in PAGE_SIZES:
        raise ValueError(f"unknown page size: {page_size!r}")
    if orientation not in ORIENTATIONS:
        raise ValueError(f"unknown orientation: {orientation!r}")
    short, long = PAGE_SIZES[page_size]
    width, height = (long, short) if orientation == "landscape" else (short, long)
    slots, boxes, qr = _landscape() if orientation == "landscape" else _portrait()
    factor = 1.0 if page_size == "A4" else 1 / math.sqrt(2)
    return Layout(
        width=width,
        height=height,
        slots={name: _scaled(slot, factor) for name, slot in slots.items()},
        boxes={name: _scaled(box, factor) for name, box in boxes.items()},
        qr=_scaled(qr, factor),
    )
