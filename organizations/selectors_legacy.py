"""Reads of the pre-2025 unit mapping: which unit of today an old code means, and which old
units landed in a subtree. Re-exported by `organizations.selectors`."""

import re
from collections.abc import Iterable

from django.db.models import QuerySet
from django.db.models.functions import Length

from .models import LegacyLevel, LegacyUnit, OrgUnit
from .text import fold, nfc

LEVEL_OF = {2: LegacyLevel.PROVINCE, 3: LegacyLevel.DISTRICT, 5: LegacyLevel.WARD}
WIDTH_OF = {level: width for width, level in LEVEL_OF.items()}
_NOT_DIGITS = re.compile(r"\D")
_SPACES = re.compile(r"\s+")
_SPREADSHEET_FLOAT = re.compile(r"^(\d+)\.0*$")


def legacy_code_candidates(value, level: str = "") -> list[tuple[str, str]]:
    """The (level, code) pairs an old code as people type it may stand for.

    Spaces anywhere are dropped and a spreadsheet's "24611.0" is read as 24611; anything
    else that is not digits stands for nothing. With `level` known, the digits are padded
    to its width (4611 -> ward 04611) or cut of extra leading zeros (024611 -> 24611). A
    string of exactly 2, 3 or 5 digits is that level's code as written ("24" is province
    24, "024" district 024). A number, or a string of another length, has lost or gained
    leading zeros and may be any level at least as wide.
    """
    text = _SPACES.sub("", str(value if value is not None else ""))
    text = _SPREADSHEET_FLOAT.sub(r"\1", text)
    if not text or _NOT_DIGITS.search(text):
        return []
    if level:
        code = _fit(text, WIDTH_OF[level], cut=True)
        return [(level, code)] if code else []
    if isinstance(value, str) and len(text) in LEVEL_OF:
        return [(LEVEL_OF[len(text)], text)]
    fits = ((lvl, _fit(text, width, cut=width == 5)) for width, lvl in LEVEL_OF.items())
    return [(lvl, code) for lvl, code in fits if code]


def _fit(digits: str, width: int, *, cut: bool) -> str | None:
    """`digits` at `width`: zero-padded, or (when `cut`) without extra leading zeros."""
    if len(digits) <= width:
        return digits.zfill(width)
    extra, code = digits[: len(digits) - width], digits[len(digits) - width :]
    return code if cut and set(extra) == {"0"} else None


def legacy_units_resolve(*, codes: Iterable[str | int], level: str = "") -> dict[str | int, int]:
    """Today's OrgUnit id for each old code that has one, keyed by the value as given.

    `level` (province, district or ward), when the caller knows it, settles every doubt.
    Otherwise a code written at a level's width is taken as written, and a value that lost
    its leading zeros (a number from a spreadsheet, "4611") counts only when exactly one
    old unit could be meant: 4611 is ward 04611, while 187 (district 187 or ward 00187)
    is left out rather than guessed. Unknown codes and old units with no unit today are
    absent from the result.
    """
    if level and level not in WIDTH_OF:
        raise ValueError(f"unknown legacy level: {level!r}")
    wanted = {value: legacy_code_candidates(value, level) for value in codes}
    pairs = {pair for candidates in wanted.values() for pair in candidates}
    if not pairs:
        return {}
    known: dict[tuple[str, str], int | None] = {}
    for lvl in {lvl for lvl, _code in pairs}:
        level_codes = [code for pair_level, code in pairs if pair_level == lvl]
        for code, unit_id in LegacyUnit.objects.filter(level=lvl, code__in=level_codes).values_list(
            "code", "unit_id"
        ):
            known[(lvl, code)] = unit_id
    resolved: dict[str | int, int] = {}
    for value, candidates in wanted.items():
        present = [pair for pair in candidates if pair in known]
        if len(present) == 1 and known[present[0]] is not None:
            resolved[value] = known[present[0]]
    return resolved


def legacy_units_in_unit(*, unit: OrgUnit, query: str = "", level: str = "") -> QuerySet:
    """Old units now landing in `unit` or below, matched on folded names; provinces first,
    then districts and wards, each in the statistical code order."""
    rows = LegacyUnit.objects.select_related("unit").filter(unit__path__startswith=unit.path)
    if level:
        rows = rows.filter(level=level)
    folded = fold(nfc(query))
    if folded:
        rows = rows.filter(search_name__contains=folded)
    return rows.order_by(Length("code"), "code")


def legacy_units_for_unit(*, unit: OrgUnit) -> list[LegacyUnit]:
    """What old provinces, districts and wards landed in `unit` or its subtree."""
    return list(legacy_units_in_unit(unit=unit))
