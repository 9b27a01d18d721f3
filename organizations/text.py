"""Vietnamese text helpers shared by models, services and selectors."""

import unicodedata


def nfc(value: str) -> str:
    """Vietnamese text arrives in NFC or NFD; we store one form so search and keys match."""
    return unicodedata.normalize("NFC", value or "").strip()


def fold(value: str) -> str:
    """Lower-case, without diacritics, đ as d: "Đình Khang" and "dinh khang" fold alike."""
    decomposed = unicodedata.normalize("NFD", (value or "").replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def fold_aligned(value: str) -> str:
    """`fold` one character at a time, so that index i of the result is character i of the
    (NFC) input: a match found in folded text can be cut from the original."""
    out = []
    for ch in value or "":
        folded = fold(ch)
        out.append(folded[0] if folded else " ")
    return "".join(out)
