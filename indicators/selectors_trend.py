"""Reading the trend of a unit and the quarter-ends it is drawn from, in today's structure
or the structure of each date (see indicators.computation.structure)."""

import datetime

from django.db.models import F

from organizations.models import OrgUnit

from . import rules
from .computation import PERIOD, TODAY
from .models import Rollup, Segment, Snapshot

NOT_ESTABLISHED, MERGED = "not_established", "merged"


def year_ago_snapshot(as_of: datetime.date, structure: str = TODAY) -> Snapshot | None:
    """The latest computed quarter-end a year or more before `as_of`, in `structure` when
    it has a snapshot of its own there (else today's, which is then the same)."""
    target = as_of - datetime.timedelta(days=365)
    found = list(
        Snapshot.objects.filter(
            kind=Snapshot.Kind.PERIOD,
            as_of__lte=target,
            computed_at__isnull=False,
            structure__in={TODAY, structure},
        ).order_by("-as_of", "structure" if structure == PERIOD else "-structure")[:1]
    )
    return found[0] if found else None


def absence_on(unit: OrgUnit, day: datetime.date) -> str:
    """Why `unit` has no figure of its own on `day` in the period structure, if it did not
    exist then: not yet established, or already merged into (dissolved in) another."""
    if unit.established_on is not None and unit.established_on > day:
        return NOT_ESTABLISHED
    if unit.dissolved_on is not None and unit.dissolved_on <= day:
        return MERGED
    return ""


def period_dates() -> tuple[list[datetime.date], set[datetime.date]]:
    """The computed quarter-ends, and those of them drawn differently in their own structure
    (before the latest restructuring)."""
    dates: set[datetime.date] = set()
    own: set[datetime.date] = set()
    for day, structure in Snapshot.objects.filter(
        kind=Snapshot.Kind.PERIOD, computed_at__isnull=False
    ).values_list("as_of", "structure"):
        (own if structure == PERIOD else dates).add(day)
    return sorted(dates), own


def indicator_trend(
    unit: OrgUnit,
    *,
    structure: str = TODAY,
    own_dates: set[datetime.date] | None = None,
    dates: list[datetime.date] = (),
) -> list[tuple[datetime.date, dict[str, float | None]]]:
    """The unit's four percentages at each computed quarter-end, in `structure`: a date
    with a period-structure snapshot (`own_dates`) reads it, the others today's. In the
    period structure every computed quarter-end (`dates`) is listed, and a unit that did
    not exist on one has all four None there (see `absence_on`)."""
    structures = [TODAY, PERIOD] if structure == PERIOD else [TODAY]
    rows = (
        Rollup.objects.filter(
            unit=unit,
            segment=Segment.ALL,
            snapshot__kind=Snapshot.Kind.PERIOD,
            snapshot__structure__in=structures,
            generation=F("snapshot__generation"),
        )
        .select_related("snapshot")
        .order_by("snapshot__as_of")
    )
    found: dict[tuple[datetime.date, str], Rollup] = {
        (r.snapshot.as_of, r.snapshot.structure): r for r in rows
    }
    own_dates = own_dates or set()
    out = []
    listed = {day for day, _s in found}
    if structure == PERIOD:
        listed |= own_dates | set(dates)
    for day in sorted(listed):
        use_own = structure == PERIOD and day in own_dates
        r = found.get((day, PERIOD if use_own else TODAY))
        if structure == PERIOD and absence_on(unit, day):
            r = None
        out.append(
            (
                day,
                {
                    i: rules.percent(getattr(r, f"{i}_num"), getattr(r, f"{i}_den"))
                    if r is not None
                    else None
                    for i in rules.INDICATORS
                },
            )
        )
    return out
