"""Preparing a template's images once, so every certificate stays small.

A certificate embeds its template's background, seal and signature; uploaded files are often
far larger than print needs. The background becomes a baseline JPEG of at most 150 dpi for
the page, recompressed until it fits a byte budget (quality is lowered before resolution).
Seal and signature are ink on paper: they are scaled to 150 dpi of their box and keep their
transparency (in 16 levels); their colours are reduced to a few inks, and faint pixels take
the mean ink (invisible there, and it compresses to almost nothing). The results are exact inputs
for WeasyPrint, which embeds them unchanged.
"""

import io

from PIL import Image, ImageOps, UnidentifiedImageError

BACKGROUND_DPI = (150, 120, 100, 80, 60)
BACKGROUND_QUALITY = (85, 78, 70, 62, 55, 48)
OVERLAY_DPI = 150
INKS = 4


def _open(data: bytes, what: str) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ValueError(f"the {what} is not a readable image") from exc
    return ImageOps.exif_transpose(image)


def _pixels(points: float, dpi: int) -> int:
    return max(1, round(points / 72 * dpi))


def background(data: bytes, width: float, height: float, budget: int) -> bytes:
    """The background as a JPEG covering a page of width × height points, within `budget`
    bytes if any resolution and quality of ours gets there (else the smallest)."""
    image = _open(data, "background").convert("RGB")
    encoded = b""
    for dpi in BACKGROUND_DPI:
        size = (_pixels(width, dpi), _pixels(height, dpi))
        if image.width > size[0] or image.height > size[1]:
            scaled = ImageOps.fit(image, size, Image.Resampling.LANCZOS)
        else:
            scaled = image
        for quality in BACKGROUND_QUALITY:
            buffer = io.BytesIO()
            scaled.save(buffer, "JPEG", quality=quality, optimize=True)
            encoded = buffer.getvalue()
            if len(encoded) <= budget:
                return encoded
    return encoded


def overlay(data: bytes, width: float, height: float, what: str) -> bytes:
    """A seal or signature as PNG fitting a box of width × height points at 150 dpi."""
    image = _open(data, what).convert("RGBA")
    image.thumbnail((_pixels(width, OVERLAY_DPI), _pixels(height, OVERLAY_DPI)))
    alpha = image.getchannel("A")
    colours = image.convert("RGB")
    solid = alpha.point(lambda a: 255 if a >= 128 else 0)
    if solid.getbbox() is not None:
        # Faint pixels (edges, the transparent paper) take the mean ink of the solid ones.
        ink = Image.new("RGB", image.size, _mean_colour(colours, solid))
        colours = Image.composite(colours, ink, solid)
    inks = colours.quantize(INKS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    result = inks.convert("RGB")
    result.putalpha(alpha.point(lambda a: (a + 8) // 17 * 17))  # 16 levels of coverage
    buffer = io.BytesIO()
    result.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _mean_colour(image: Image.Image, mask: Image.Image) -> tuple[int, int, int]:
    histogram = image.histogram(mask)
    channels = []
    for channel in range(3):
        counts = histogram[channel * 256 : channel * 256 + 256]
        channels.append(round(sum(i * n for i, n in enumerate(counts)) / max(1, sum(counts))))
    return tuple(channels)
