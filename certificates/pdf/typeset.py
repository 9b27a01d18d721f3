"""Laying out the variable text of a certificate in its boxes, as PDF content operators.

Deliberately simple and fast: glyph widths from the embedded font, no kerning (Vietnamese
uses precomposed letters, so no shaping is needed), greedy line breaking at spaces, every line
centred. A single-line box shrinks its text until it fits (the holder's name on one line);
a paragraph box shrinks by half points until its lines fit, and past the smallest size the
last line that fits ends with an ellipsis — text never leaves its box.
"""

import unicodedata

from .design import Slot
from .fonts import ELLIPSIS, RESOURCE_NAMES, FontMetrics


def num(value: float) -> bytes:
    """A PDF number with at most two decimals and no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return b"0" if text in ("-0", "") else text.encode()


def clean(text: str) -> str:
    """NFC (a decomposed "Nguyễn" becomes the precomposed letters the fonts have)."""
    return unicodedata.normalize("NFC", text)


def _ellipsized(metrics: FontMetrics, text: str, limit: float) -> str:
    while text and metrics.width(text + ELLIPSIS) > limit:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def _wrap(metrics: FontMetrics, paragraph: str, limit: float) -> list[str]:
    """Greedy line breaking at spaces; a word wider than the box is broken anywhere."""
    lines, line, line_width = [], "", 0
    space = metrics.width(" ")
    for word in paragraph.split():
        width = metrics.width(word)
        while width > limit:  # a word alone wider than the box
            if line:
                lines.append(line)
                line, line_width = "", 0
            cut = len(word)
            while cut > 1 and metrics.width(word[:cut]) > limit:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
            width = metrics.width(word)
        if not word:
            continue
        if line and line_width + space + width <= limit:
            line, line_width = f"{line} {word}", line_width + space + width
        elif line:
            lines.append(line)
            line, line_width = word, width
        else:
            line, line_width = word, width
    if line:
        lines.append(line)
    return lines


def fit(slot: Slot, metrics: FontMetrics, text: str) -> tuple[float, list[str]]:
    """The font size and the lines of a text in its box."""
    text = clean(text)
    units = slot.width * 1000  # widths are in thousandths of the font size
    if slot.max_lines == 1:
        line = " ".join(text.split())
        width = metrics.width(line)
        size = slot.size
        if width * size > units:
            size = max(slot.min_size, int(units / width * 4) / 4)
            if width * size > units:
                line = _ellipsized(metrics, line, units / size)
        return size, [line] if line else []
    paragraphs = [p for p in text.split("\n") if p.strip()]
    size = slot.size
    while True:
        lines = [line for p in paragraphs for line in _wrap(metrics, p, units / size)]
        fits = len(lines) <= slot.max_lines and len(lines) * size * slot.leading <= slot.height
        if fits or size <= slot.min_size:
            break
        size = max(slot.min_size, size - 0.5)
    room = min(slot.max_lines, max(1, int(slot.height / (size * slot.leading))))
    if len(lines) > room:
        lines = lines[: room - 1] + [_ellipsized(metrics, lines[room - 1], units / size)]
    return size, lines


def slot_operators(slot: Slot, metrics: FontMetrics, text: str, page_height: float) -> list[bytes]:
    """Content operators drawing a text centred in its box (vertically too)."""
    size, lines = fit(slot, metrics, text)
    if not lines:
        return []
    line_height = size * slot.leading
    half_leading = (line_height - (metrics.ascent - metrics.descent) * size / 1000) / 2
    top = slot.y + (slot.height - line_height * len(lines)) / 2
    ops = [
        b"BT /%s %b Tf %b %b %b rg"
        % (RESOURCE_NAMES[slot.font].encode(), num(size), *(num(c) for c in slot.color))
    ]
    baseline = 0.0
    slant = num(slot.slant)
    for index, line in enumerate(lines):
        width = metrics.width(line) * size / 1000
        x = slot.x + (slot.width - width) / 2
        baseline = page_height - (
            top + index * line_height + half_leading + metrics.ascent * size / 1000
        )
        ops.append(
            b"1 0 %b 1 %b %b Tm <%b> Tj" % (slant, num(x), num(baseline), metrics.encode(line))
        )
    ops.append(b"ET")
    if slot.rule_below:
        y = baseline + metrics.descent * size / 1000 - 1.5
        x = slot.x + (slot.width - slot.rule_below) / 2
        ops.append(
            b"%b %b %b RG 0.6 w %b %b m %b %b l S"
            % (
                *(num(c) for c in slot.color),
                num(x),
                num(y),
                num(x + slot.rule_below),
                num(y),
            )
        )
    return ops
