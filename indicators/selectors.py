"""Reading the indicators: a unit's dashboard from stored rollups, in a fixed handful of
queries whatever the size of the subtree."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F

from organizations.models import OrgUnit
from organizations.permissions import Action, can
from organizations.selectors import unit_ancestors

from . import rules
from .computation import FIELDS
from .models import Declaration, Indicator, Report, Rollup, Segment, Snapshot, Target
from .services.declarations import targets_effective
from .services.snapshots import snapshot_live

ORGANISATION_SEGMENTS = (Segment.DOAN, Segment.HOI_LHTN, Segment.HOI_SV)
AREA_SEGMENTS = (Segment.ETHNIC, Segment.MOUNTAIN, Segment.BORDER, Segment.ISLAND)
SORT_KEYS = ("name", "a", "b", "c", "d")


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


def _year_ago_snapshot(as_of: datetime.date) -> Snapshot | None:
    target = as_of - datetime.timedelta(days=365)
    return (
        Snapshot.objects.filter(
            kind=Snapshot.Kind.PERIOD, as_of__lte=target, computed_at__isnull=False
        )
        .order_by("-as_of")
        .first()
    )


def indicator_trend(unit: OrgUnit) -> list[tuple[datetime.date, dict[str, float | None]]]:
    """The unit's four percentages at each computed quarter-end."""
    rows = (
        Rollup.objects.filter(
            unit=unit,
            segment=Segment.ALL,
            snapshot__kind=Snapshot.Kind.PERIOD,
            generation=F("snapshot__generation"),
        )
        .select_related("snapshot")
        .order_by("snapshot__as_of")
    )
    return [
        (
            r.snapshot.as_of,
            {
                i: rules.percent(getattr(r, f"{i}_num"), getattr(r, f"{i}_den"))
                for i in rules.INDICATORS
            },
        )
        for r in rows
    ]


def _sort_rows(rows: list[Row], sort: str, descending: bool) -> list[Row]:
    if sort in rules.INDICATORS:
        present = [r for r in rows if r.figures[sort].percent is not None]
        missing = [r for r in rows if r.figures[sort].percent is None]
        present.sort(key=lambda r: (r.figures[sort].percent, r.label), reverse=descending)
        return present + missing
    return sorted(rows, key=lambda r: r.label, reverse=descending)


def indicator_dashboard(
    *, user, unit: OrgUnit, sort: str = "name", descending: bool = False
) -> Dashboard:
    """Everything the dashboard of `unit` shows. The caller has checked VIEW_INDICATORS on
    `unit`; breadcrumbs only name the units above it the user may also see."""
    snapshot = snapshot_live()
    as_of = snapshot.as_of
    targets = targets_effective(unit)
    before = _year_ago_snapshot(as_of)

    own = {r.segment: r for r in _current(snapshot).filter(unit=unit)}
    children = list(
        OrgUnit.objects.filter(path__startswith=unit.path, depth=unit.depth + 1)
        .only("id", "name", "code", "path", "depth", "level", "organisation", "numchild")
        .order_by("path")
    )
    child_rows = {
        r.unit_id: r
        for r in _current(snapshot).filter(
            segment=Segment.ALL, unit__path__startswith=unit.path, unit__depth=unit.depth + 1
        )
    }
    ago: dict[tuple[int, str], Rollup] = {}
    if before is not None:
        # Two index lookups; one query with an OR of the two would scan the snapshot.
        for rows in (
            _current(before).filter(unit=unit),
            _current(before).filter(
                segment=Segment.ALL, unit__path__startswith=unit.path, unit__depth=unit.depth + 1
            ),
        ):
            ago.update({(r.unit_id, r.segment): r for r in rows})
    own_targets: dict[int, dict[str, dict[int, Decimal]]] = {}
    for t in Target.objects.filter(unit__in=children, year__in=rules.MILESTONES):
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

    overall = row(
        own.get(Segment.ALL), unit.name, unit_=unit, year_ago=ago.get((unit.id, Segment.ALL))
    )
    organisations = [segment_row(s) for s in ORGANISATION_SEGMENTS if s in own]
    areas = [segment_row(s) for s in AREA_SEGMENTS]
    child_list = [
        row(
            child_rows.get(c.id),
            c.name,
            unit_=c,
            tgt=own_targets.get(c.id, targets),
            year_ago=ago.get((c.id, Segment.ALL)),
        )
        for c in children
    ]
    sort = sort if sort in SORT_KEYS else "name"
    breadcrumbs = [a for a in unit_ancestors(unit) if can(user, Action.VIEW_INDICATORS, a)]
    trend = indicator_trend(unit)
    if snapshot.computed_at:
        trend.append((as_of, {i: overall.figures[i].percent for i in rules.INDICATORS}))
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
    one its figures for that year use (see computation._declarations)."""
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
