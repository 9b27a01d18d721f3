"""Counting the four indicators on one reference date, for the whole tree or one subtree.

Each unit's own figures are counted in SQL (a few set-based statements, whatever the size
of the tree, `counting`); they are then added up along each unit's materialized path into
the figures of every subtree, per segment. The paths are today's tree's or, for the period
structure, those of the tree as it stood on the date (`structure`). Internal to the app:
snapshots and reports call it.

Who counts where, for (d): a dedicated cadre in charge of volunteer work holding such a post
on the date counts once, at the unit and organisation of one of those posts (the primary
post if it qualifies, else the oldest), so subtree sums never count a person twice and a
person who moved counts where their post was on that date. A certificate counts from its
issue date to its end date; a revoked one never, a replaced one until its replacement was
issued (if the replacement is revoked later, the person is no longer trained).
"""

import datetime
from collections import defaultdict

from organizations.models import OrgUnit
from organizations.selectors import unit_change_latest_on, unit_tree_as_of

from .. import rules
from ..models import Segment
from . import counting
from .structure import PERIOD, STEP, STRUCTURES, TODAY, units_period, units_today

__all__ = ["FIELDS", "PERIOD", "STRUCTURES", "TODAY", "Figures", "compute", "structure_for"]

FIELDS = (
    "a_num", "a_den", "b_num", "b_den", "c_num", "c_den", "d_num", "d_den", "declared_units"
)  # fmt: skip
_IDX = {name: i for i, name in enumerate(FIELDS)}

Figures = dict[tuple[int, str], list[int]]


def structure_for(structure: str, as_of: datetime.date) -> str:
    """The structure the figures of `as_of` are really drawn in: the period structure of a
    date on or after the latest restructuring (or with none at all) is today's."""
    if structure not in STRUCTURES:
        raise ValueError(f"unknown structure {structure!r}")
    if structure == PERIOD:
        latest = unit_change_latest_on()
        if latest is None or as_of >= latest:
            return TODAY
    return structure


def compute(
    *,
    as_of: datetime.date,
    root: OrgUnit | None = None,
    depths: set[int] | None = None,
    segments: bool = True,
    structure: str = TODAY,
    tree: dict | None = None,
) -> Figures:
    """Figures of every subtree on `as_of`: {(unit id, segment): [value per FIELDS]}.

    `root` limits the figures to one subtree (a report); `depths` keeps only the subtrees
    of units at those depths (in the structure used); `segments=False` keeps only the
    whole-subtree figures. `structure` is "today" (today's tree) or "period" (the tree of
    `as_of`; `tree` is its `unit_tree_as_of` when the caller has read it already). In the
    period structure a root that did not exist on `as_of` has no figures, and the units
    are counted over the whole tree, since its subtree then may hold units that are
    elsewhere today.
    """
    structure = structure_for(structure, as_of)
    if structure == PERIOD:
        units = units_period(as_of, tree if tree is not None else unit_tree_as_of(as_of=as_of))
        count_path = ""
        root_path = ""
        if root is not None:
            if root.pk not in units:
                return {}
            root_path = units[root.pk].path
            units = {k: u for k, u in units.items() if u.path.startswith(root_path)}
    else:
        root_path = count_path = root.path if root else ""
        units = units_today(root_path, as_of)
    by_path = {u.path: u.id for u in units.values()}
    declared = counting.declarations(as_of, count_path)
    it = counting.it_units(as_of, count_path, declared)
    it_levels = set(rules.it_levels())

    cells: list[tuple[int, str, list[tuple[int, int]]]] = []  # unit, org, [(field, n)]
    for unit in units.values():
        values = []
        if unit.is_active and unit.level in it_levels:
            values += [(_IDX["a_den"], 1), (_IDX["a_num"], int(unit.id in it))]
        row = declared.get(unit.id)
        if row:
            held, portal, campaigns, models_used, _it = row
            values += [
                (_IDX["b_num"], portal),
                (_IDX["b_den"], held),
                (_IDX["c_num"], models_used),
                (_IDX["c_den"], campaigns),
                (_IDX["declared_units"], 1),
            ]
        if values:
            cells.append((unit.id, unit.organisation, values))
    for unit_id, org, trained, counted in counting.count_d(as_of, count_path):
        if unit_id in units:
            cells.append((unit_id, org, [(_IDX["d_num"], trained), (_IDX["d_den"], counted)]))

    return _rolled_up(cells, units, by_path, root_path, depths, segments)


def _rolled_up(cells, units, by_path, root_path, depths, segments) -> Figures:
    """Each unit's own figures per segment, then added into its parent's, deepest units
    first: one addition per unit and segment rather than one per cell and ancestor."""
    width = len(FIELDS)
    own: dict[int, dict[str, list[int]]] = defaultdict(dict)
    for unit_id, org, values in cells:
        keys = [Segment.ALL.value]
        if segments:
            keys += [org, *units[unit_id].areas]
        slots = own[unit_id]
        for key in keys:
            acc = slots.get(key)
            if acc is None:
                acc = slots[key] = [0] * width
            for i, n in values:
                acc[i] += n
    min_len = len(root_path) or STEP
    levels: dict[int, list[int]] = defaultdict(list)
    for unit_id in own:
        levels[len(units[unit_id].path)].append(unit_id)
    for length in range(max(levels, default=0), min_len, -STEP):
        for unit_id in levels.get(length, ()):
            parent_path = units[unit_id].path[:-STEP]
            while len(parent_path) >= min_len and parent_path not in by_path:
                parent_path = parent_path[:-STEP]
            if len(parent_path) < min_len:
                continue
            parent = by_path[parent_path]
            if parent not in own:
                levels[len(parent_path)].append(parent)
            slots = own[parent]
            for key, values in own[unit_id].items():
                acc = slots.get(key)
                if acc is None:
                    slots[key] = list(values)
                else:
                    for i in range(width):
                        acc[i] += values[i]
    return {
        (unit_id, key): values
        for unit_id, slots in own.items()
        if depths is None or len(units[unit_id].path) // STEP in depths
        for key, values in slots.items()
    }
