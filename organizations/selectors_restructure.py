"""Reads of restructurings: the audit log a unit's viewers see and a unit's own history."""

import datetime

from django.db.models import Q, QuerySet

from .models import OrgUnit, UnitChange, UnitVersion
from .permissions import Action, scope


def unit_changes_for(unit: OrgUnit) -> QuerySet[UnitChange]:
    """Changes decided within the unit's subtree or touching a unit in it, newest first.

    A change decided higher up (two provinces merged by the centre) is shown to each
    province involved, because their units are among its units."""
    ids = UnitChange.objects.filter(
        Q(scope__path__startswith=unit.path) | Q(units__path__startswith=unit.path)
    ).values("pk")
    return (
        UnitChange.objects.filter(pk__in=ids)
        .select_related("scope", "created_by")
        .order_by("-created_at", "-id")
    )


def unit_history(unit: OrgUnit) -> dict:
    """Former names and parents (oldest first), the units merged into it, its successor.

    One query: every unit merged or split into this one was re-parented under it, so it
    has a version, and those versions name the predecessors."""
    rows = list(
        UnitVersion.objects.filter(Q(unit=unit) | Q(unit__successor=unit))
        .select_related("unit", "parent")
        .order_by("valid_until", "id")
    )
    predecessors = {v.unit_id: v.unit for v in rows if v.unit_id != unit.pk}
    return {
        "versions": [v for v in rows if v.unit_id == unit.pk],
        "predecessors": sorted(
            predecessors.values(), key=lambda u: (u.dissolved_on or datetime.date.min, u.name)
        ),
        "successor": unit.successor if unit.successor_id else None,
    }


def units_by_codes_for_user(user, codes: list[str], action: Action) -> tuple[list, list[str]]:
    """The units the codes name within the user's scope, and the codes that name none
    there (outside the scope reads the same as unknown)."""
    wanted = [c.strip().upper() for c in codes if c and c.strip()]
    found = {u.code: u for u in scope(OrgUnit.objects.filter(code__in=wanted), user, action)}
    return [found[c] for c in wanted if c in found], [c for c in wanted if c not in found]


def unit_change_recorded(request_key: str) -> UnitChange | None:
    """The change a confirmation already applied (a doubled submission finds it)."""
    if not request_key:
        return None
    return UnitChange.objects.filter(request_key=request_key).first()
