"""Stamping certificates from a master: the fast path, run for every certificate.

`Stamper.from_master` parses a master once (callers cache the stamper per template version).
Each certificate then costs one content stream — its text laid out with the embedded fonts'
metrics and its QR code drawn as rectangles — compressed and appended to the pre-serialized
static objects. No WeasyPrint, pypdf or font subsetting happens per certificate.
"""

import hashlib
import io
import re
import zlib
from collections.abc import Sequence
from functools import cache

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from .design import Box, CertificateFace
from .fonts import RESOURCE_NAMES, FontMetrics
from .qr import qr_matrix
from .skeleton import Skeleton
from .typeset import num, slot_operators

TEXT_SLOTS = (
    "organisation",
    "issuing_unit",
    "serial",
    "holder_name",
    "body",
    "valid_until",
    "place_date",
    "code",
)
QUIET_ZONE = 4  # modules of white around the QR code, as the standard asks
_DARK_RUN = re.compile(rb"\x01+")


@cache
def _qr_grid(box: Box, page_height: float, modules: int):
    """Formatted coordinates of a QR code's module columns, rows and run widths."""
    module = box.width / (modules + 2 * QUIET_ZONE)
    left = box.x + QUIET_ZONE * module
    top = page_height - box.y - QUIET_ZONE * module
    xs = [num(left + column * module) for column in range(modules)]
    ys = [num(top - (row + 1) * module) for row in range(modules)]
    widths = [b""] + [num(length * module) for length in range(1, modules + 1)]
    background = b"1 1 1 rg %b %b %b %b re f" % (
        num(box.x),
        num(page_height - box.y - box.width),
        num(box.width),
        num(box.width),
    )
    return xs, ys, widths, num(module), background


def qr_operators(url: str, box: Box, page_height: float) -> list[bytes]:
    """The QR code on a white square: one rectangle per horizontal run of dark modules."""
    matrix = qr_matrix(url)
    modules = len(matrix)
    xs, ys, widths, size, background = _qr_grid(box, page_height, modules)
    ops = [background, b"0 0 0 rg"]
    for row, y in zip(matrix, ys, strict=True):
        for run in _DARK_RUN.finditer(row):
            start, end = run.span()
            ops.append(b"%b %b %b %b re" % (xs[start], y, widths[end - start], size))
    ops.append(b"f")
    return ops


class Stamper:
    """Certificates of one master; immutable, safe to share between threads."""

    def __init__(self, skeleton: Skeleton, fonts: dict[str, FontMetrics], digest: bytes):
        self._skeleton = skeleton
        self._fonts = fonts
        self._digest = digest

    @classmethod
    def from_master(cls, master: bytes) -> "Stamper":
        """Parse a master once: its objects, layout and font metrics."""
        try:
            reader = PdfReader(io.BytesIO(master), strict=True)
            skeleton = Skeleton.parse(master, reader)
            fonts = {}
            for key, name in RESOURCE_NAMES.items():
                font = reader.pages[0]["/Resources"]["/Font"][f"/{name}"]
                descriptor = font["/DescendantFonts"][0]["/FontDescriptor"]
                fonts[key] = FontMetrics.from_program(descriptor["/FontFile2"].get_data())
        except (PyPdfError, KeyError, IndexError, TypeError, AttributeError) as exc:
            raise ValueError("not a certificate master") from exc
        return cls(skeleton, fonts, hashlib.sha256(master).digest())

    @property
    def page_size(self) -> tuple[float, float]:
        return self._skeleton.layout.width, self._skeleton.layout.height

    def content(self, face: CertificateFace) -> bytes:
        """The page's variable content, uncompressed (what the tests read back)."""
        layout = self._skeleton.layout
        ops = [b"q"]
        for name in TEXT_SLOTS:
            slot = layout.slots[name]
            ops.extend(
                slot_operators(slot, self._fonts[slot.font], getattr(face, name), layout.height)
            )
        ops.extend(qr_operators(face.verify_url, layout.qr, layout.height))
        ops.append(b"Q")
        return b"\n".join(ops) + b"\n"

    def render(self, face: CertificateFace) -> bytes:
        """One certificate, one page."""
        return self.render_many([face])

    def render_many(self, faces: Sequence[CertificateFace]) -> bytes:
        """One printable PDF with a page per certificate, sharing every static object."""
        if not faces:
            raise ValueError("no certificate to render")
        digest = hashlib.sha256(self._digest)
        streams = []
        for face in faces:
            digest.update(hashlib.sha256(face.key()).digest())
            streams.append(zlib.compress(self.content(face), 6))
        return self._skeleton.document(streams, digest.digest()[:16])
