"""The verification QR code: segno's symbol, with its mask chosen five times faster.

ISO/IEC 18004 asks the encoder to try the eight data masks and keep the one with the lowest
penalty. segno does that cell by cell in Python (~4 ms of a certificate's ~6 ms). Here segno
encodes once with mask 0; the data modules are unmasked and each mask is scored with byte
and integer operations over whole rows — the same rules and the same arithmetic as segno's
`mask_scores`, so the chosen mask and the resulting matrix are exactly segno's (the tests
compare both for many codes) — and the winning mask and its format information are applied.
"""

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from segno import encoder

_RUN = re.compile(rb"\x00{5,}|\x01{5,}")
_FINDER_LIKE = bytes((1, 0, 1, 1, 1, 0, 1))


@dataclass(frozen=True)
class _Grid:
    """Per symbol size: which modules carry data, what the others hold while masks are
    evaluated, and each mask restricted to the data modules (one int per row, a byte per
    module)."""

    width: int
    base: tuple[int, ...]
    region: tuple[int, ...]
    masks: tuple[tuple[int, ...], ...]


@cache
def _grid(width: int) -> _Grid:
    matrix = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(matrix, width, width)
    encoder.add_alignment_patterns(matrix, width, width)
    base = tuple(bytes(v if v <= 1 else 0 for v in row) for row in matrix)
    matrix[-8][8] = 0x1  # the dark module is never data
    region = tuple(bytes(1 if v > 1 else 0 for v in row) for row in matrix)
    functions = encoder.get_data_mask_functions(False)
    masks = tuple(
        tuple(
            int.from_bytes(
                bytes(1 if region[i][j] and function(i, j) else 0 for j in range(width)),
                "big",
            )
            for i in range(width)
        )
        for function in functions
    )
    return _Grid(
        width=width,
        base=tuple(int.from_bytes(row, "big") for row in base),
        region=tuple(int.from_bytes(row, "big") for row in region),
        masks=masks,
    )


def _finder_like(seq: bytes, size: int) -> int:
    """segno's N3 rule, verbatim: 1:1:3:1:1 with four light modules on one side."""
    count = 0
    index = seq.find(_FINDER_LIKE)
    while index != -1:
        offset = index + 7
        if (
            index in (0, size - 7)
            or not any(seq[max(index - 4, 0) : min(index, size)])
            or not any(seq[max(offset, 0) : min(offset + 4, size)])
        ):
            count += 40
        else:
            offset = index + 4
        index = seq.find(_FINDER_LIKE, offset)
    return count


def penalty(rows: list[int], width: int) -> int:
    """The penalty score (N1 + N2 + N3 + N4) of a matrix given as row ints."""
    lines = [row.to_bytes(width, "big") for row in rows]
    sequences = lines + [bytes(column) for column in zip(*lines, strict=True)]
    # Rows and columns in one buffer, apart by a byte that is neither light nor dark.
    joined = b"\x02".join(sequences)
    score = sum(len(run) - 2 for run in _RUN.findall(joined))  # N1
    stride = width + 1
    index = joined.find(_FINDER_LIKE)
    while index != -1:  # N3, counted per row or column that has the pattern at all
        number = index // stride
        score += _finder_like(sequences[number], width)
        index = joined.find(_FINDER_LIKE, (number + 1) * stride)
    for above, row in zip(rows, rows[1:], strict=False):  # N2: 2 × 2 blocks of one colour
        vertical = above ^ row
        uniform = vertical | (vertical >> 8) | (row ^ (row >> 8))
        score += 3 * uniform.to_bytes(width, "big")[1:].count(0)
    dark = sum(line.count(1) for line in lines)
    percent = float(dark) / (width**2)
    return score + 10 * int(abs(percent * 100 - 50) / 5)  # N4


@lru_cache(maxsize=4096)
def qr_matrix(url: str) -> tuple[bytes, ...]:
    """The modules of the verification QR code (never a Micro QR; error correction M,
    raised when the same size allows). Kept for the last few thousand codes: a class's
    printable PDF draws again the codes its certificates were just stamped with."""
    return tuple(bytes(row) for row in _qr_matrix(url))


def _qr_matrix(url: str) -> tuple[bytearray, ...]:
    code = encoder.encode(url, error="m", micro=False, mask=0)
    width = len(code.matrix)
    grid = _grid(width)
    rows = [int.from_bytes(row, "big") for row in code.matrix]
    data = [
        (row & region) ^ mask
        for row, region, mask in zip(rows, grid.region, grid.masks[0], strict=True)
    ]
    best, best_score = 0, None
    for number, masks in enumerate(grid.masks):
        evaluated = [b | (d ^ m) for b, d, m in zip(grid.base, data, masks, strict=True)]
        score = penalty(evaluated, width)
        if best_score is None or score < best_score:
            best, best_score = number, score
    if best == 0:
        return code.matrix
    matrix = tuple(
        bytearray((row ^ first ^ chosen).to_bytes(width, "big"))
        for row, first, chosen in zip(rows, grid.masks[0], grid.masks[best], strict=True)
    )
    encoder.add_format_info(matrix, code.version, code.error, best)  # rewrites all 30 cells
    return matrix
