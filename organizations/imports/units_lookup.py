"""The one place an import turns the unit codes of a file into units."""

from collections.abc import Iterable

from ..models import OrgUnit
from ..selectors_legacy import legacy_units_resolve

CHUNK = 2000


def normalise_code(value) -> str:
    return str(value or "").strip().upper()


def resolve_unit_codes(
    codes: Iterable[str], scope: OrgUnit, *, follow_history: bool = True
) -> dict[str, OrgUnit]:
    """Code -> today's unit for the codes naming a unit in `scope`'s subtree.

    Old lists still name units that have since changed, so a code lands where its records
    live today: a unit dissolved by a restructuring resolves to its successor, and a code
    made only of digits that is no unit's code is read as a pre-2025 administrative code
    (commune, district or province) and resolves through the legacy map. A code that is
    unknown and a code of a unit outside the subtree are both simply absent, so callers
    give one message for both and never reveal other provinces' units. A unit list names
    units themselves, so it asks with `follow_history=False` for the codes exactly as
    they are.
    """
    wanted = sorted({normalise_code(c) for c in codes if c})
    found: dict[str, OrgUnit] = {}
    for start in range(0, len(wanted), CHUNK):
        for unit in OrgUnit.objects.filter(code__in=wanted[start : start + CHUNK]):
            found[unit.code] = unit
    if not follow_history:
        return {c: u for c, u in found.items() if u.path.startswith(scope.path)}
    legacy = [c for c in wanted if c not in found and c.isdigit()]
    if legacy:
        resolved = legacy_units_resolve(codes=legacy)
        units = OrgUnit.objects.in_bulk(set(resolved.values()))
        found.update({code: units[pk] for code, pk in resolved.items()})
    current = _current_units(found.values())
    return {
        code: current[unit.pk]
        for code, unit in found.items()
        if current[unit.pk].path.startswith(scope.path)
    }


def _current_units(units) -> dict[int, OrgUnit]:
    """Unit id -> the active unit its records now belong to (the end of its successors),
    read a generation of successors at a time rather than one query per unit."""
    known = {u.pk: u for u in units}
    while True:
        wanted = {
            u.successor_id
            for u in known.values()
            if not u.is_active and u.successor_id and u.successor_id not in known
        }
        if not wanted:
            break
        known.update(OrgUnit.objects.in_bulk(wanted))
    current = {}
    for unit in units:
        end, seen = unit, {unit.pk}
        while not end.is_active and end.successor_id in known and end.successor_id not in seen:
            seen.add(end.successor_id)
            end = known[end.successor_id]
        current[unit.pk] = end
    return current
