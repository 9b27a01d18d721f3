"""The written-down rules of the four indicators: what counts, the targets, the status.

Everything a programme office may want to tune is a setting (see lms/settings/base.py,
`INDICATOR_*`) read here, so the rule in force is in one place and in
docs/decisions/0013-indicators.md.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from .models import Indicator

PROGRAMME_START = datetime.date(2022, 11, 29)  # Decision 1481/QĐ-TTg is signed
MILESTONES = (2025, 2030)
INDICATORS = tuple(Indicator.values)


class Status:
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"


def status_labels() -> dict[str, str]:
    """The words for each status, the same on the dashboard and in reports."""
    return {
        Status.ON_TRACK: _("Đúng tiến độ"),
        Status.AT_RISK: _("Có nguy cơ"),
        Status.OFF_TRACK: _("Chậm tiến độ"),
        Status.NO_DATA: _("Chưa có số liệu"),
    }


def qualifying_kinds() -> tuple[str, ...]:
    """Certificate kinds that make a cadre count as trained for indicator (d)."""
    return tuple(settings.INDICATOR_D_CERTIFICATE_KINDS)


def it_levels() -> tuple[str, ...]:
    """Unit levels that are a 'cấp bộ' for indicator (a)."""
    return tuple(settings.INDICATOR_A_LEVELS)


def it_window_days() -> int:
    return int(settings.INDICATOR_A_WINDOW_DAYS)


def it_signals() -> frozenset[str]:
    """What shows a unit applies IT: 'classes' it hosts, 'cadres' records it keeps on the
    platform, 'declared' (it says it uses other software) — any one is enough."""
    return frozenset(settings.INDICATOR_A_SIGNALS)


def milestone_for(as_of: datetime.date) -> int:
    return next((y for y in MILESTONES if as_of <= datetime.date(y, 12, 31)), MILESTONES[-1])


def default_target(indicator: str, year: int) -> Decimal:
    return Decimal(str(settings.INDICATOR_DEFAULT_TARGETS[year][indicator]))


def quarter_ends(until: datetime.date) -> list[datetime.date]:
    """The quarter-ends from the end of 2022 up to (not including) `until`: the trend."""
    out, year, quarter = [], 2022, 4
    while True:
        month = quarter * 3
        end = datetime.date(year, month, 31 if month in (3, 12) else 30)
        if end >= until:
            return out
        out.append(end)
        quarter += 1
        if quarter == 5:
            year, quarter = year + 1, 1


def percent(num: int, den: int) -> float | None:
    return round(100 * num / den, 1) if den else None


def expected(targets: dict[int, Decimal], as_of: datetime.date) -> float:
    """Where the unit should be on `as_of` on the straight path from zero at the programme's
    start to the 2025 target at the end of 2025, then on to the 2030 target."""
    points = [(PROGRAMME_START, 0.0)] + [
        (datetime.date(y, 12, 31), float(targets[y])) for y in MILESTONES
    ]
    if as_of <= points[0][0]:
        return 0.0
    for (d0, v0), (d1, v1) in zip(points, points[1:], strict=False):
        if as_of <= d1:
            return round(v0 + (v1 - v0) * (as_of - d0).days / (d1 - d0).days, 1)
    return points[-1][1]


@dataclass(frozen=True)
class Judgement:
    status: str
    expected: float
    target: Decimal
    milestone: int
    projected: float | None


def judge(
    *,
    value: float | None,
    year_ago: float | None,
    targets: dict[int, Decimal],
    as_of: datetime.date,
    span_days: int = 365,
) -> Judgement:
    """On track: at or above the planned path today. At risk: below it, but within
    `INDICATOR_AT_RISK_MARGIN` points, or the pace since the earlier figure (`year_ago`,
    taken `span_days` before) reaches the next milestone's target in time. Off track:
    neither."""
    milestone = milestone_for(as_of)
    target = targets[milestone]
    planned = expected(targets, as_of)
    if value is None:
        return Judgement(Status.NO_DATA, planned, target, milestone, None)
    projected = None
    if year_ago is not None:
        years_left = max((datetime.date(milestone, 12, 31) - as_of).days, 0) / 365.25
        per_year = (value - year_ago) * 365.25 / max(span_days, 1)
        projected = round(value + per_year * years_left, 1)
    if value >= planned:
        status = Status.ON_TRACK
    elif value >= planned - settings.INDICATOR_AT_RISK_MARGIN or (
        projected is not None and projected >= float(target)
    ):
        status = Status.AT_RISK
    else:
        status = Status.OFF_TRACK
    return Judgement(status, planned, target, milestone, projected)
