"""The dashboard's trend as the page draws it: the SVG chart's geometry and the table's rows
(with "chưa thành lập" / "đã sáp nhập" where a unit did not exist in the period
structure, and a link from each quarter-end to its own figures)."""

from dataclasses import dataclass

from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import rules
from .computation import PERIOD, TODAY
from .selectors import MERGED, NOT_ESTABLISHED

CHART_W, CHART_H, CHART_PAD = 320, 150, 26  # the trend's SVG viewBox and left margin
PARAM_OF_STRUCTURE = {PERIOD: "thoi-diem", TODAY: "hien-nay"}


def short_labels() -> dict[str, str]:
    return {
        "a": _("(a) Ứng dụng CNTT"),
        "b": _("(b) Cập nhật lên cổng"),
        "c": _("(c) Áp dụng mô hình"),
        "d": _("(d) Cán bộ được bồi dưỡng"),
    }


def absence_labels() -> dict[str, str]:
    return {NOT_ESTABLISHED: _("chưa thành lập"), MERGED: _("đã sáp nhập")}


@dataclass
class Series:
    indicator: str
    label: str
    points: str  # SVG polyline points
    dots: list[tuple[float, float]]


def trend_chart(trend) -> dict:
    """The trend as SVG geometry: x spread over the dates, y from 0% (bottom) to 100%."""
    count = len(trend)
    width = CHART_W - CHART_PAD - 8
    height = CHART_H - 20

    def x(i: int) -> float:
        return round(CHART_PAD + (width * i / (count - 1) if count > 1 else width / 2), 1)

    def y(value: float) -> float:
        return round(8 + height * (1 - min(value, 100.0) / 100), 1)

    series = []
    labels = short_labels()
    for ind in rules.INDICATORS:
        dots = [(x(i), y(v[ind])) for i, (_d, v) in enumerate(trend) if v[ind] is not None]
        series.append(Series(ind, labels[ind], " ".join(f"{px},{py}" for px, py in dots), dots))
    grid = [(pct, y(pct)) for pct in (0, 50, 100)]
    ticks = []
    if count:
        ticks = [(x(0), trend[0][0])]
        if count > 1:
            ticks.append((x(count - 1), trend[-1][0]))
    return {
        "series": series,
        "grid": grid,
        "ticks": ticks,
        "width": CHART_W,
        "height": CHART_H,
        "left": CHART_PAD,
        "right": CHART_W - 8,
        "bottom": CHART_H - 2,
    }


def trend_rows(dashboard) -> list[tuple]:
    """(date, values, note, url) per trend point; a quarter-end links to its own figures."""
    notes = absence_labels()
    keep = {"co_cau": PARAM_OF_STRUCTURE[dashboard.structure]}
    computed = set(dashboard.quarter_ends)
    rows = []
    for day, values in dashboard.trend:
        url = ""
        if day in computed:
            url = "?" + urlencode({"ngay": day.isoformat(), **keep})
        note = notes.get(dashboard.trend_notes.get(day, ""), "")
        rows.append((day, [values[i] for i in rules.INDICATORS], note, url))
    return rows
