"""The units a date's figures are added up through, in one of two structures.

Today's structure is today's tree: a dissolved unit stays, inactive, under its successor,
so its past figures add up into the successor (the past re-aggregated to today's units).
The period structure is the tree as it stood on the date (`unit_tree_as_of`): merged units
apart under their old parent, a moved unit under the parent it had, the successor absent.
Each period unit gets a path built from its ancestors of that date, with the same step
length as the real tree, so the one roll-up along paths serves both.
"""

import datetime
from dataclasses import dataclass

from organizations.models import OrgUnit

from ..models import Segment

TODAY = "today"
PERIOD = "period"
STRUCTURES = (TODAY, PERIOD)

STEP = OrgUnit.steplen
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
AREA_FLAGS = (
    ("is_ethnic_minority_area", Segment.ETHNIC),
    ("is_mountain", Segment.MOUNTAIN),
    ("is_border", Segment.BORDER),
    ("is_island", Segment.ISLAND),
)
_FLAGS = [f for f, _ in AREA_FLAGS]


@dataclass(frozen=True)
class Unit:
    id: int
    path: str  # today's path, or the one built for the period structure
    organisation: str
    level: str
    is_active: bool  # active on the reference date
    areas: tuple[str, ...]  # own flags and those inherited from above


def active_on(as_of, is_active, established_on, dissolved_on) -> bool:
    """A unit counts as a 'cấp bộ' on a date when it existed then and was not switched
    off for another reason (a dissolved unit was active until it was dissolved)."""
    if established_on is not None and established_on > as_of:
        return False
    if dissolved_on is not None:
        return dissolved_on > as_of
    return is_active


def _areas(inherited: tuple[str, ...], bits) -> tuple[str, ...]:
    own = {seg for (_, seg), bit in zip(AREA_FLAGS, bits, strict=True) if bit}
    return tuple(sorted(own.union(inherited)))


def units_today(root_path: str, as_of: datetime.date) -> dict[int, Unit]:
    """The subtree's units in today's tree with their effective area flags."""
    prefixes = [root_path[:i] for i in range(STEP, len(root_path), STEP)]
    rows = OrgUnit.objects.filter(path__startswith=root_path) | OrgUnit.objects.filter(
        path__in=prefixes
    )
    raw = sorted(
        rows.values_list(
            "id", "path", "organisation", "level", "is_active", "established_on",
            "dissolved_on", *_FLAGS,
        ),
        key=lambda r: r[1],
    )  # fmt: skip
    inherited: dict[str, tuple[str, ...]] = {}
    units: dict[int, Unit] = {}
    for pk, path, org, level, active, established, dissolved, *bits in raw:
        inherited[path] = _areas(inherited.get(path[:-STEP], ()), bits)
        if path.startswith(root_path):
            units[pk] = Unit(
                pk, path, org, level, active_on(as_of, active, established, dissolved),
                inherited[path],
            )  # fmt: skip
    return units


def _key(index: int) -> str:
    out = ""
    for _ in range(STEP):
        index, digit = divmod(index, len(_ALPHABET))
        out = _ALPHABET[digit] + out
    return out


def units_period(as_of: datetime.date, tree: dict) -> dict[int, Unit]:
    """Every unit of the tree of `as_of` (`unit_tree_as_of`), with a path built from its
    ancestors of that date, its level then, and the area flags of those ancestors."""
    rows = {
        r[0]: r
        for r in OrgUnit.objects.filter(pk__in=list(tree)).values_list(
            "id", "path", "organisation", "is_active", "dissolved_on", *_FLAGS
        )
    }
    by_today_path = {r[1]: pk for pk, r in rows.items()}

    def parent_of(pk: int) -> int | None:
        parent = tree[pk][0]
        if parent in rows:
            return parent
        path = rows[pk][1][:-STEP]  # a parent missing that day: the nearest one above
        while path and by_today_path.get(path) is None:
            path = path[:-STEP]
        return by_today_path.get(path)

    children: dict[int | None, list[int]] = {}
    for pk in sorted(rows, key=lambda k: rows[k][1]):
        children.setdefault(parent_of(pk), []).append(pk)
    units: dict[int, Unit] = {}

    def place(pk: int, path: str, inherited: tuple[str, ...]) -> None:
        stack = [(pk, path, inherited)]
        while stack:
            pk, path, inherited = stack.pop()
            _id, _path, org, active, dissolved, *bits = rows[pk]
            areas = _areas(inherited, bits)
            active_then = active or (dissolved is not None and dissolved > as_of)
            units[pk] = Unit(pk, path, org, tree[pk][2], active_then, areas)
            for i, child in enumerate(children.get(pk, ())):
                if child not in units:
                    stack.append((child, path + _key(i + 1), areas))

    tops = list(children.get(None, ()))
    # A loop of parents in inconsistent versions has no top: each such unit starts one.
    tops += sorted(
        (pk for pk in rows if pk not in children.get(None, ())), key=lambda k: rows[k][1]
    )
    n = 0
    for pk in tops:
        if pk not in units:
            n += 1
            place(pk, _key(n), ())
    return units
