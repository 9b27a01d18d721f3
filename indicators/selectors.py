"""Reading the indicators: a unit's dashboard from stored rollups, in a fixed handful of
queries whatever the size of the subtree."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from organizations.models import OrgUnit
from organizations.permissions import Action, can
from organizations.selectors import unit_ancestors

from . import rules
from .computation import FIELDS, PERIOD, STRUCTURES, TODAY
from .models import Declaration, Indicator, Report, Rollup, Segment, Snapshot, Target
from .selectors_trend import (
    MERGED,
    NOT_ESTABLISHED,
    absence_on,
    indicator_trend,
    period_dates,
    year_ago_snapshot,
)
from .services.declarations import targets_effective
from .services.snapshots import snapshot_live

ORGANISATION_SEGMENTS = (Segment.DOAN, Segment.HOI_LHTN, Segment.HOI_SV)
AREA_SEGMENTS = (Segment.ETHNIC, Segment.MOUNTAIN, Segment.BORDER, Segment.ISLAND)
SORT_KEYS = ("name", "a", "b", "c", "d")

__all__ = [
    "AREA_SEGMENTS", "INDICATOR_LABELS", "MERGED", "NOT_ESTABLISHED", "ORGANISATION_SEGMENTS",
    "SORT_KEYS", "Dashboard", "Figure", "Row", "absence_on", "declaration_latest",
    "declarations_for_unit", "declarations_history", "figures_from", "indicator_dashboard",
    "indicator_trend", "own_targets", "reports_for_unit",
]  # fmt: skip


@dataclass(frozen=True)
class Figure:
    indicator: str
    num: int
    den: int
    percent: float | None
    judgement: rules.Judgement

    @property
    def status(self) -> str:
        return self.judgement.status

    @property
    def target(self) -> Decimal:
        return self.judgement.target


@dataclass
class Row:
    """One unit's subtree, or one segment of it, against its targets."""

    label: str
    figures: dict[str, Figure]
    declared_units: int = 0
    unit: OrgUnit | None = None
    segment: str = Segment.ALL


@dataclass
class Dashboard:
    unit: OrgUnit
    as_of: datetime.date
    computed_at: datetime.datetime | None
    pending: bool
    breadcrumbs: list[OrgUnit]
    overall: Row
    organisations: list[Row]
    areas: list[Row]
    children: list[Row]
    trend: list[tuple[datetime.date, dict[str, float | None]]]
    targets: dict[str, dict[int, Decimal]]
    sort: str = "name"
    descending: bool = False
    structure: str = TODAY  # the structure asked for
    drawn_in: str = TODAY  # the one the figures are in (the same from the last change on)
    live: bool = True  # today's figures, or those of a past quarter-end (`as_of`)
    absence: str = ""  # ABSENCES key: the unit did not exist on `as_of` in that structure
    trend_notes: dict[datetime.date, str] = field(default_factory=dict)
    merged: list[OrgUnit] = field(default_factory=list)  # dissolved children (today's tree)
    successor: OrgUnit | None = None  # where a dissolved unit went, if the user may see it
    restructured: bool = False  # the tree has changed since some quarter-end: both differ
    quarter_ends: list[datetime.date] = field(default_factory=list)


def _values(row) -> dict[str, int]:
    return (
        {name: getattr(row, name) for name in FIELDS}
        if row is not None
        else dict.fromkeys(FIELDS, 0)
    )


def figures_from(
    values: dict[str, int],
    *,
    targets: dict[str, dict[int, Decimal]],
    as_of: datetime.date,
    year_ago: dict[str, int] | None = None,
    span_days: int = 365,
) -> dict[str, Figure]:
    """The four figures of one set of numerators and denominators, each judged."""
    out = {}
    for ind in rules.INDICATORS:
        num, den = values[f"{ind}_num"], values[f"{ind}_den"]
        value = rules.percent(num, den)
        before = rules.percent(year_ago[f"{ind}_num"], year_ago[f"{ind}_den"]) if year_ago else None
        out[ind] = Figure(
            ind,
            num,
            den,
            value,
            rules.judge(
                value=value,
                year_ago=before,
                targets=targets[ind],
                as_of=as_of,
                span_days=span_days,
            ),
        )
    return out


def _current(snapshot: Snapshot):
    return Rollup.objects.filter(snapshot=snapshot, generation=snapshot.generation)


def _sort_rows(rows: list[Row], sort: str, descending: bool) -> list[Row]:
    if sort in rules.INDICATORS:
        present = [r for r in rows if r.figures[sort].percent is not None]
        missing = [r for r in rows if r.figures[sort].percent is None]
        present.sort(key=lambda r: (r.figures[sort].percent, r.label), reverse=descending)
        return present + missing
    return sorted(rows, key=lambda r: r.label, reverse=descending)


def _snapshot_for(
    as_of: datetime.date | None, structure: str, own_dates: set[datetime.date]
) -> Snapshot | None:
    if as_of is None:
        return snapshot_live()
    wanted = PERIOD if structure == PERIOD and as_of in own_dates else TODAY
    return Snapshot.objects.filter(
        kind=Snapshot.Kind.PERIOD, as_of=as_of, structure=wanted, computed_at__isnull=False
    ).first()


_UNIT_FIELDS = (
    "id", "name", "code", "path", "depth", "level", "organisation", "numchild", "is_active",
    "established_on", "dissolved_on",
)  # fmt: skip


def indicator_dashboard(
    *,
    user,
    unit: OrgUnit,
    sort: str = "name",
    descending: bool = False,
    as_of: datetime.date | None = None,
    structure: str = TODAY,
) -> Dashboard | None:
    """Everything the dashboard of `unit` shows: today's figures, or (`as_of`) those of a
    computed quarter-end, in today's structure or the structure of that date. The caller
    has checked VIEW_INDICATORS on `unit`; breadcrumbs only name the units above it the
    user may also see. None when `as_of` is not a computed quarter-end."""
    if structure not in STRUCTURES:
        raise ValueError(f"unknown structure {structure!r}")
    quarter_ends, own_dates = period_dates()
    snapshot = _snapshot_for(as_of, structure, own_dates)
    if snapshot is None:
        return None
    as_of = snapshot.as_of
    drawn_in = snapshot.structure
    targets = targets_effective(unit)
    before = year_ago_snapshot(as_of, drawn_in)

    own = {r.segment: r for r in _current(snapshot).filter(unit=unit)}
    label = unit.name
    absence = ""
    merged: list[OrgUnit] = []
    if drawn_in == PERIOD:
        if Segment.ALL in own:
            label = own[Segment.ALL].name or unit.name
        else:
            absence = absence_on(unit, as_of) or NOT_ESTABLISHED
        child_rows = {
            r.unit_id: r
            for r in _current(snapshot)
            .filter(segment=Segment.ALL, parent=unit)
            .select_related("unit")
        }
        children = sorted((r.unit for r in child_rows.values()), key=lambda c: c.path)
        names = {pk: r.name or r.unit.name for pk, r in child_rows.items()}
    else:
        everyone = list(
            OrgUnit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1)
            .only(*_UNIT_FIELDS)
            .order_by("path")
        )
        children = [c for c in everyone if c.dissolved_on is None]
        merged = [c for c in everyone if c.dissolved_on is not None]
        child_rows = {
            r.unit_id: r
            for r in _current(snapshot).filter(
                segment=Segment.ALL, unit__path__startswith=unit.path, unit__depth=unit.depth + 1
            )
        }
        names = {c.id: c.name for c in children}
    ago: dict[tuple[int, str], Rollup] = {}
    if before is not None:
        # Two index lookups; one query with an OR of the two would scan the snapshot.
        for rows in (
            _current(before).filter(unit=unit),
            _current(before).filter(segment=Segment.ALL, unit__in=[c.id for c in children]),
        ):
            ago.update({(r.unit_id, r.segment): r for r in rows})
    own_targets: dict[int, dict[str, dict[int, Decimal]]] = {}
    for t in Target.objects.filter(unit__in=[c.id for c in children], year__in=rules.MILESTONES):
        slot = own_targets.setdefault(t.unit_id, {i: dict(targets[i]) for i in rules.INDICATORS})
        slot[t.indicator][t.year] = max(slot[t.indicator][t.year], t.percent)

    def row(values_row, label, *, unit_=None, segment=Segment.ALL, tgt=targets, year_ago=None):
        values = _values(values_row)
        return Row(
            label=label,
            figures=figures_from(
                values,
                targets=tgt,
                as_of=as_of,
                year_ago=_values(year_ago) if year_ago is not None else None,
                span_days=(as_of - before.as_of).days if before is not None else 365,
            ),
            declared_units=values["declared_units"],
            unit=unit_,
            segment=segment,
        )

    def segment_row(s):
        return row(own.get(s), Segment(s).label, segment=s, year_ago=ago.get((unit.id, s)))

    overall = row(own.get(Segment.ALL), label, unit_=unit, year_ago=ago.get((unit.id, Segment.ALL)))
    organisations = [segment_row(s) for s in ORGANISATION_SEGMENTS if s in own]
    areas = [segment_row(s) for s in AREA_SEGMENTS]
    child_list = [
        row(
            child_rows.get(c.id),
            names[c.id],
            unit_=c,
            tgt=own_targets.get(c.id, targets),
            year_ago=ago.get((c.id, Segment.ALL)),
        )
        for c in children
    ]
    sort = sort if sort in SORT_KEYS else "name"
    breadcrumbs = [a for a in unit_ancestors(unit) if can(user, Action.VIEW_INDICATORS, a)]
    trend = indicator_trend(unit, structure=structure, own_dates=own_dates, dates=quarter_ends)
    trend_notes = {day: absence_on(unit, day) for day, _v in trend} if structure == PERIOD else {}
    live = snapshot.kind == Snapshot.Kind.LIVE
    if live and snapshot.computed_at:
        trend.append((as_of, {i: overall.figures[i].percent for i in rules.INDICATORS}))
    successor = None
    if unit.successor_id is not None:
        candidate = OrgUnit.objects.filter(pk=unit.successor_id).first()
        if candidate is not None and can(user, Action.VIEW_INDICATORS, candidate):
            successor = candidate
    return Dashboard(
        unit=unit,
        as_of=as_of,
        computed_at=snapshot.computed_at,
        pending=snapshot.stale or snapshot.computed_at is None,
        breadcrumbs=breadcrumbs,
        overall=overall,
        organisations=organisations,
        areas=areas,
        children=_sort_rows(child_list, sort, descending),
        trend=trend,
        targets=targets,
        sort=sort,
        descending=descending,
        structure=structure,
        drawn_in=drawn_in,
        live=live,
        absence=absence,
        trend_notes={day: note for day, note in trend_notes.items() if note},
        merged=merged,
        successor=successor,
        restructured=bool(own_dates),
        quarter_ends=quarter_ends,
    )


def declarations_for_unit(unit: OrgUnit, *, limit: int = 50) -> list[Declaration]:
    """The unit's declarations, newest first, with who made them."""
    return list(
        Declaration.objects.filter(unit=unit)
        .select_related("declared_by")
        .order_by("-declared_at", "-pk")[:limit]
    )


def declarations_history(unit: OrgUnit, *, limit: int = 50) -> list[tuple[Declaration, bool]]:
    """(declaration, in force?) newest first: a unit's latest declaration for a year is the
    one its figures for that year use (see computation.counting.declarations)."""
    seen: set[int] = set()
    out = []
    for declaration in declarations_for_unit(unit, limit=limit):
        out.append((declaration, declaration.year not in seen))
        seen.add(declaration.year)
    return out


def declaration_latest(unit: OrgUnit, year: int) -> Declaration | None:
    return Declaration.objects.filter(unit=unit, year=year).order_by("-declared_at", "-pk").first()


def own_targets(unit: OrgUnit) -> list[Target]:
    return list(Target.objects.filter(unit=unit).order_by("indicator", "year"))


def reports_for_unit(unit: OrgUnit) -> list[Report]:
    return list(Report.objects.filter(unit=unit).select_related("requested_by"))


INDICATOR_LABELS = dict(Indicator.choices)
