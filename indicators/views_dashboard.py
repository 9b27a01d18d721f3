"""The indicators dashboard: a unit's four indicators against its targets, its child units
(sortable, each a drill-down), its organisations and priority areas, and the trend.

Everything shown comes from `indicator_dashboard`, which reads stored rollups only; this
module just shapes it for the page (status words, sort links, chart geometry). A sort
value that does not fit is named on the page (status 400) and the default order is used.
A past quarter-end (`ngay`) and the structure its figures are drawn in (`co_cau`: the tree
as it stood then, or today's) are chosen the same way, by links, with no script.
"""

import datetime
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
from .computation import PERIOD, TODAY
from .dashboard_trend import (
    PARAM_OF_STRUCTURE,
    absence_labels,
    short_labels,
    trend_chart,
    trend_rows,
)
from .selectors import INDICATOR_LABELS, SORT_KEYS, Figure, Row, indicator_dashboard

TEMPLATES = "indicators/"
DIRECTIONS = ("asc", "desc")
STRUCTURE_PARAMS = {v: k for k, v in PARAM_OF_STRUCTURE.items()}


status_labels = rules.status_labels


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

    def line(self, row: Row, *, link: bool = False, keep: dict | None = None) -> Line:
        cells = [self.cell(row.figures[i]) for i in rules.INDICATORS]
        url = ""
        if link and row.unit is not None:
            url = reverse("indicators:dashboard", args=[row.unit.code])
            if keep:
                url += "?" + urlencode(keep)
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


def _sort_links(sort: str, descending: bool, keep: dict | None = None) -> list[SortLink]:
    """A link per column; the current column's link turns the order round. `keep` holds
    the date and structure chosen, which every link carries on."""
    keep = keep or {}
    labels = {"name": _("Đơn vị"), **short_labels()}
    links = []
    for key in SORT_KEYS:
        active = key == sort
        direction = ("asc" if descending else "desc") if active else "asc"
        aria = ("descending" if descending else "ascending") if active else "none"
        arrow = ("▼" if descending else "▲") if active else ""
        links.append(
            SortLink(
                key,
                labels[key],
                "?" + urlencode({**keep, "sort": key, "dir": direction}),
                aria,
                arrow,
            )
        )
    return links


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


def _parse_view(query) -> tuple[datetime.date | None, str, list[str]]:
    """The past quarter-end (None: today) and the structure asked for, and a message for
    each value that is not one we know."""
    errors = []
    value = query.get("co_cau", "hien-nay")
    structure = STRUCTURE_PARAMS.get(value)
    if structure is None:
        errors.append(
            _(
                "Cơ cấu tổ chức “%(value)s” không hợp lệ: dùng “thoi-diem” (tại thời điểm) "
                "hoặc “hien-nay” (hiện nay)."
            )
            % {"value": value}
        )
        structure = TODAY
    as_of = None
    value = query.get("ngay", "")
    if value:
        try:
            as_of = datetime.date.fromisoformat(value)
        except ValueError:
            errors.append(
                _(
                    "Ngày “%(value)s” không hợp lệ: chọn một ngày cuối quý trong bảng diễn "
                    "biến (dạng năm-tháng-ngày, ví dụ 2025-03-31)."
                )
                % {"value": value}
            )
    return as_of, structure, errors


def _keep(dashboard) -> dict[str, str]:
    """The date and structure on display, for the page's links to carry on."""
    keep = {}
    if not dashboard.live:
        keep["ngay"] = dashboard.as_of.isoformat()
    if dashboard.structure != TODAY:
        keep["co_cau"] = PARAM_OF_STRUCTURE[dashboard.structure]
    return keep


def _structure_links(dashboard, sort_query: dict) -> list[tuple[str, str, str, bool]]:
    """(structure, label, url, current?) for the switch between the two structures."""
    base = {k: v for k, v in _keep(dashboard).items() if k != "co_cau"}
    out = []
    for structure, label in ((PERIOD, _("tại thời điểm")), (TODAY, _("hiện nay"))):
        query = {**base, "co_cau": PARAM_OF_STRUCTURE[structure], **sort_query}
        current = dashboard.structure == structure
        out.append((structure, label, "?" + urlencode(query), current))
    return out


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
    as_of, structure, view_errors = _parse_view(request.GET)
    dashboard = indicator_dashboard(
        user=user, unit=unit, sort=sort, descending=descending, as_of=as_of, structure=structure
    )
    if dashboard is None:
        view_errors.append(
            _(
                "Chưa có số liệu tính đến ngày %(day)s: chỉ xem được các ngày cuối quý đã "
                "tính (trong bảng diễn biến); đang hiện số liệu hiện tại."
            )
            % {"day": formats.date_format(as_of, "d/m/Y")}
        )
        dashboard = indicator_dashboard(
            user=user, unit=unit, sort=sort, descending=descending, structure=structure
        )
    keep = _keep(dashboard)
    shaper = Shaper()
    # In a past structure a child may since have moved out of the viewer's part of the tree.
    children = [
        shaper.line(
            row,
            link=row.unit is not None and can(request.user, Action.VIEW_INDICATORS, row.unit),
            keep=keep,
        )
        for row in dashboard.children
    ]
    sort_query = {}
    if "sort" in request.GET or "dir" in request.GET:
        sort_query = {"sort": dashboard.sort, "dir": "desc" if dashboard.descending else "asc"}
    chart_indicator = sort if sort in rules.INDICATORS else "d"
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
            (key, label, "?" + urlencode({**keep, "sort": key, "dir": "desc"}))
            for key, label in short_labels().items()
        ],
        "chart_rows": [(line, line.cell(chart_indicator)) for line in children],
        "sort_links": _sort_links(dashboard.sort, dashboard.descending, keep),
        "trend_rows": trend_rows(dashboard),
        "structure_links": _structure_links(dashboard, sort_query),
        "absence_label": absence_labels().get(dashboard.absence, ""),
        "live_url": "?" + urlencode({k: v for k, v in keep.items() if k != "ngay"}),
        "trend_chart": trend_chart(dashboard.trend),
        "short_labels": shaper.shorts,
        "status_labels": shaper.statuses,
        "sort_errors": errors + view_errors,
        "view_errors": view_errors,
        "may_declare": can(user, Action.MANAGE_INDICATORS, unit),
        "margin": settings.INDICATOR_AT_RISK_MARGIN,
    }
    return render(
        request, TEMPLATES + "dashboard.html", context, status=400 if errors or view_errors else 200
    )
