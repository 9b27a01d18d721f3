"""The indicators dashboard: a unit's four indicators against its targets, its child units
(sortable, each a drill-down), its organisations and priority areas, and the trend.

Everything shown comes from `indicator_dashboard`, which reads stored rollups only; this
module just shapes it for the page (status words, sort links, chart geometry). A sort
value that does not fit is named on the page (status 400) and the default order is used.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.templatetags.l10n import unlocalize
from django.urls import reverse
from django.utils import formats
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from organizations import selectors as org_selectors
from organizations.permissions import Action, can

from . import rules
from .selectors import INDICATOR_LABELS, SORT_KEYS, Figure, Row, indicator_dashboard

TEMPLATES = "indicators/"
DIRECTIONS = ("asc", "desc")
CHART_W, CHART_H, CHART_PAD = 320, 150, 26  # the trend's SVG viewBox and left margin


status_labels = rules.status_labels


def short_labels() -> dict[str, str]:
    return {
        "a": _("(a) Ứng dụng CNTT"),
        "b": _("(b) Cập nhật lên cổng"),
        "c": _("(c) Áp dụng mô hình"),
        "d": _("(d) Cán bộ được bồi dưỡng"),
    }


def counted_things() -> dict[str, str]:
    """What the numerator and denominator of each indicator count, for 'x/y …'."""
    return {
        "a": _("cấp bộ"),
        "b": _("hoạt động"),
        "c": _("chiến dịch"),
        "d": _("cán bộ"),
    }


def percent_text(value: Decimal) -> str:
    """A target as people write it: 80, 90,5 — no trailing zeros."""
    value = Decimal(value)
    exact = value.to_integral() if value == value.to_integral() else value.normalize()
    return formats.number_format(exact)


def unit_or_404(user, code: str, action: Action = Action.VIEW_INDICATORS):
    unit = org_selectors.unit_get_for_user(user, code, action)
    if unit is None:
        raise Http404(_("Không tìm thấy đơn vị trong phạm vi của bạn."))
    return unit


# --- Shaping the figures ------------------------------------------------------------------


@dataclass
class Cell:
    """One figure as the page shows it: the value, how it stands, and its bar.

    The texts a table shows for every child are made here once, so that a province's
    hundred communes do not cost a hundred times four template includes."""

    figure: Figure
    status_label: str
    short_label: str
    things: str
    percent_text: str  # "50,0%", or "—" when nothing is counted
    fraction: str  # "2/3": numerator over denominator
    badge: str  # the status badge, rendered once per status for the page
    track_style: str  # the bar's CSS variables: value, target, planned level

    @property
    def indicator(self) -> str:
        return self.figure.indicator

    @property
    def label(self) -> str:
        return INDICATOR_LABELS[self.figure.indicator]

    @property
    def status(self) -> str:
        return self.figure.status

    @property
    def percent(self) -> float | None:
        return self.figure.percent

    @property
    def target_text(self) -> str:
        return percent_text(self.figure.target)

    @property
    def expected(self) -> float:
        return self.figure.judgement.expected

    @property
    def milestone(self) -> int:
        return self.figure.judgement.milestone


@dataclass
class Line:
    """A row of the dashboard (the unit, a child, an organisation, an area) with its cells."""

    row: Row
    cells: list[Cell]
    url: str = ""
    declared_text: str = ""  # "3 đơn vị" that have declared, for the children's table

    @property
    def label(self) -> str:
        return self.row.label

    @property
    def code(self) -> str:
        return self.row.unit.code if self.row.unit is not None else self.row.segment

    @property
    def empty(self) -> bool:
        """Nothing counted at all (no unit, cadre or declaration in this slice)."""
        return all(c.figure.den == 0 for c in self.cells)

    def cell(self, indicator: str) -> Cell:
        return self.cells[rules.INDICATORS.index(indicator)]


class Shaper:
    """Turns rows into lines with the page's wording, looked up and rendered once."""

    def __init__(self):
        self.statuses, self.shorts, self.things = (
            status_labels(),
            short_labels(),
            counted_things(),
        )
        self.badges = {
            status: render_to_string(TEMPLATES + "_status.html", {"status": status, "label": label})
            for status, label in self.statuses.items()
        }

    def cell(self, figure: Figure) -> Cell:
        value, status = figure.percent, figure.status
        bar = min(value or 0.0, 100.0)
        style = (
            f"--v:{unlocalize(bar)}%;--t:{unlocalize(float(figure.target))}%;"
            f"--p:{unlocalize(figure.judgement.expected)}%"
        )
        return Cell(
            figure,
            self.statuses[status],
            self.shorts[figure.indicator],
            self.things[figure.indicator],
            "—" if value is None else f"{floatformat(value, 1)}%",
            f"{formats.localize(figure.num)}/{formats.localize(figure.den)}",
            self.badges[status],
            style,
        )

    def line(self, row: Row, *, link: bool = False) -> Line:
        cells = [self.cell(row.figures[i]) for i in rules.INDICATORS]
        url = ""
        if link and row.unit is not None:
            url = reverse("indicators:dashboard", args=[row.unit.code])
        n = row.declared_units
        declared = ngettext("%(n)s đơn vị", "%(n)s đơn vị", n) % {"n": formats.localize(n)}
        return Line(row, cells, url, declared)


@dataclass
class SortLink:
    key: str
    label: str
    url: str
    aria: str  # aria-sort of the column: ascending, descending or none
    arrow: str


def _sort_links(sort: str, descending: bool) -> list[SortLink]:
    """A link per column; the current column's link turns the order round."""
    labels = {"name": _("Đơn vị"), **short_labels()}
    links = []
    for key in SORT_KEYS:
        active = key == sort
        direction = ("asc" if descending else "desc") if active else "asc"
        aria = ("descending" if descending else "ascending") if active else "none"
        arrow = ("▼" if descending else "▲") if active else ""
        links.append(
            SortLink(
                key, labels[key], "?" + urlencode({"sort": key, "dir": direction}), aria, arrow
            )
        )
    return links


@dataclass
class Series:
    indicator: str
    label: str
    points: str  # SVG polyline points
    dots: list[tuple[float, float]]


def _trend_chart(trend) -> dict:
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


def _parse_order(query) -> tuple[str, bool, list[str]]:
    """The sort column and direction asked for, and a message for each value that is not
    one we know."""
    errors = []
    sort = query.get("sort", "name")
    if sort not in SORT_KEYS:
        errors.append(
            _(
                "Không sắp xếp được theo “%(value)s”: hãy chọn tên đơn vị hoặc một trong các "
                "chỉ tiêu a, b, c, d."
            )
            % {"value": sort}
        )
        sort = "name"
    direction = query.get("dir", "asc")
    if direction not in DIRECTIONS:
        errors.append(
            _(
                "Chiều sắp xếp “%(value)s” không hợp lệ: dùng “asc” (tăng dần) hoặc "
                "“desc” (giảm dần)."
            )
            % {"value": direction}
        )
        direction = "asc"
    return sort, direction == "desc", errors


# --- Pages --------------------------------------------------------------------------------


@login_required
def indicators_home(request):
    """Start at the topmost unit the user may follow."""
    roots = org_selectors.unit_roots_for_user(request.user, Action.VIEW_INDICATORS)
    if not roots:
        raise PermissionDenied(_("Bạn chưa được phân công theo dõi chỉ tiêu của đơn vị nào."))
    return redirect("indicators:dashboard", code=roots[0].code)


@login_required
def indicators_dashboard(request, code: str):
    user = request.user
    unit = unit_or_404(user, code)
    sort, descending, errors = _parse_order(request.GET)
    dashboard = indicator_dashboard(user=user, unit=unit, sort=sort, descending=descending)
    chart_indicator = sort if sort in rules.INDICATORS else "d"
    shaper = Shaper()
    children = [shaper.line(row, link=True) for row in dashboard.children]
    context = {
        "unit": unit,
        "dashboard": dashboard,
        "overall": shaper.line(dashboard.overall),
        "organisations": [shaper.line(row) for row in dashboard.organisations],
        "areas": [shaper.line(row) for row in dashboard.areas],
        "children": children,
        "chart_indicator": chart_indicator,
        "chart_label": INDICATOR_LABELS[chart_indicator],
        "chart_links": [
            (key, label, "?" + urlencode({"sort": key, "dir": "desc"}))
            for key, label in short_labels().items()
        ],
        "chart_rows": [(line, line.cell(chart_indicator)) for line in children],
        "sort_links": _sort_links(dashboard.sort, dashboard.descending),
        "trend_rows": [(day, [v[i] for i in rules.INDICATORS]) for day, v in dashboard.trend],
        "trend_chart": _trend_chart(dashboard.trend),
        "short_labels": shaper.shorts,
        "status_labels": shaper.statuses,
        "sort_errors": errors,
        "may_declare": can(user, Action.MANAGE_INDICATORS, unit),
        "margin": settings.INDICATOR_AT_RISK_MARGIN,
    }
    return render(request, TEMPLATES + "dashboard.html", context, status=400 if errors else 200)
