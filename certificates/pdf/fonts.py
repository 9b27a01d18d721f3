"""The fonts of the variable text: subset once, embedded in the master, measured by the stamper.

Each face is Noto Serif (shipped in `static/fonts`) cut down with fontTools to a fixed
repertoire — every Vietnamese letter with its tone marks in both cases, ASCII and the
typographic punctuation of Vietnamese documents — so a master carries ~12 KB per face and no
certificate ever needs its own subset. Two faces only, regular and bold: the italic lines
(place and date, validity) are the regular face slanted, which keeps a certificate well
under 100 KB with its images. The fonts go into the PDF as Type0/CIDFontType2 with
Identity-H encoding (glyph id = character code), a /W array of every glyph's width and a
ToUnicode CMap, so text extraction and PDF/A validators read the exact Vietnamese text back.
"""

import hashlib
import io
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FONTS_DIR = Path(__file__).resolve().parents[2] / "static" / "fonts"
FONT_FILES = {"regular": "NotoSerif-Regular.ttf", "bold": "NotoSerif-Bold.ttf"}
# Names in the page's /Font resources; WeasyPrint names its own fonts with six capitals.
RESOURCE_NAMES = {"regular": "CertR", "bold": "CertB"}
FALLBACK = "?"
ELLIPSIS = "…"


def _vietnamese_letters() -> str:
    letters = set("đĐ")
    for vowel in "aăâeêioôơuưy":
        for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
            composed = unicodedata.normalize("NFC", vowel + tone)
            letters.update((composed, composed.upper()))
    return "".join(sorted(letters))


VIETNAMESE = _vietnamese_letters()
# Latin orthographies of ethnic minorities (Ê Đê, Jrai, Ba Na, K'Ho, M'Nông…) write ŏ ĕ ĭ ŭ
# and a few other letters in names that must print as registered.
MINORITY_LETTERS = "ĔĕĬĭŎŏŬŭÑñÇçÄäËëÏïÖöÜü"
REPERTOIRE = "".join(
    sorted(
        set(VIETNAMESE)
        | set(MINORITY_LETTERS)
        | {chr(code) for code in range(0x20, 0x7F)}
        | set("\u00a0–—‘’‚“”„…•·‹›«»′″°×±§€₫№™")
    )
)


@cache
def subset_program(key: str) -> bytes:
    """The TrueType program of one face cut to REPERTOIRE, without hinting or layout tables."""
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "DSIG", "hdmx", "VDMX", "LTSH", "kern"]
    options.glyph_names = False
    options.notdef_outline = True
    font = TTFont(FONTS_DIR / FONT_FILES[key])
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(char) for char in REPERTOIRE])
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True, eq=False)
class FontMetrics:
    """What the stamper needs of an embedded face: glyph ids, widths and vertical metrics."""

    glyphs: dict[str, tuple[bytes, int]]  # character → (4 hex digits of its glyph id, width)
    widths: tuple[int, ...]  # by glyph id, in thousandths of the font size
    ascent: float  # in thousandths of the font size
    descent: float  # negative
    postscript_name: str
    unicode_of: dict[int, int]  # glyph id → the code point text extraction reads back
    bbox: tuple[int, int, int, int]
    italic_angle: float
    cap_height: int

    @classmethod
    def from_program(cls, program: bytes) -> "FontMetrics":
        font = TTFont(io.BytesIO(program))
        scale = 1000 / font["head"].unitsPerEm
        order = font.getGlyphOrder()
        widths = tuple(round(font["hmtx"][name][0] * scale) for name in order)
        gid_of = {name: gid for gid, name in enumerate(order)}
        cmap = font.getBestCmap()
        glyphs, unicode_of = {}, {}
        # A glyph drawn for several characters (Đ and the Icelandic Ð) reads back as the
        # Vietnamese one, then as the lowest code point.
        for code in sorted(cmap, key=lambda c: (chr(c) not in VIETNAMESE, c)):
            gid = gid_of[cmap[code]]
            glyphs[chr(code)] = (b"%04x" % gid, widths[gid])
            unicode_of.setdefault(gid, code)
        head, hhea = font["head"], font["hhea"]
        os2 = font["OS/2"]
        return cls(
            glyphs=glyphs,
            widths=widths,
            ascent=hhea.ascent * scale,
            descent=hhea.descent * scale,
            postscript_name=font["name"].getDebugName(6) or "NotoSerif",
            unicode_of=unicode_of,
            bbox=tuple(round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)),
            italic_angle=float(font["post"].italicAngle),
            cap_height=round(getattr(os2, "sCapHeight", 700) * scale),
        )

    def glyph(self, char: str) -> tuple[bytes, int]:
        """The glyph of a character; a space for any other white space, else '?'."""
        found = self.glyphs.get(char)
        if found is not None:
            return found
        if char.isspace() or unicodedata.category(char) == "Cc":
            return self.glyphs[" "]
        return self.glyphs[FALLBACK]

    def width(self, text: str) -> int:
        try:  # every character in the fonts: the common case, without per-character calls
            return sum(map(self._advances.__getitem__, text))
        except KeyError:
            return sum(self.glyph(char)[1] for char in text)

    def encode(self, text: str) -> bytes:
        try:
            return b"".join(map(self._hexes.__getitem__, text))
        except KeyError:
            return b"".join(self.glyph(char)[0] for char in text)

    @cached_property
    def _advances(self) -> dict[str, int]:
        return {char: width for char, (_, width) in self.glyphs.items()}

    @cached_property
    def _hexes(self) -> dict[str, bytes]:
        return {char: hexes for char, (hexes, _) in self.glyphs.items()}


def subset_tag(program: bytes) -> str:
    """Six capitals naming a subset (PDF convention), derived from the program itself."""
    digest = hashlib.sha256(program).digest()
    return "".join(chr(ord("A") + byte % 26) for byte in digest[:6])


def to_unicode_cmap(metrics: FontMetrics) -> bytes:
    """A ToUnicode CMap giving the character of every glyph the stamper can draw."""
    pairs = sorted(metrics.unicode_of.items())
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    for start in range(0, len(pairs), 100):
        chunk = pairs[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(f"<{gid:04X}> <{code:04X}>" for gid, code in chunk)
        lines.append("endbfchar")
    lines += [
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return ("\n".join(lines) + "\n").encode("ascii")
