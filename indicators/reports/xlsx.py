"""The report's tables as a workbook (through lms.xlsx), numbers kept as numbers so a
province can add them up or chart them itself."""

from django.utils.translation import gettext as _

from lms.xlsx import workbook_bytes

from . import text

INDICATORS = ("a", "b", "c", "d")


def _figure_headers() -> list[str]:
    out = []
    for i in INDICATORS:
        out += [
            _("(%(i)s) Tử số") % {"i": i},
            _("(%(i)s) Mẫu số") % {"i": i},
            _("(%(i)s) Tỷ lệ (%%)") % {"i": i},
        ]
    return out


def _figure_cells(figures: dict) -> list:
    out = []
    for i in INDICATORS:
        out += [figures[i]["num"], figures[i]["den"], figures[i]["percent"]]
    return out


def _statuses(figures: dict) -> list[str]:
    return [figures[i]["status_label"] for i in INDICATORS]


def report_xlsx(data: dict) -> bytes:
    milestone = str(data["milestone"])
    status_headers = [_("(%(i)s) Đánh giá") % {"i": i} for i in INDICATORS]
    indicators = (
        _("Chỉ tiêu"),
        [
            _("Mã"),
            _("Chỉ tiêu"),
            _("Tử số"),
            _("Mẫu số"),
            _("Tỷ lệ (%)"),
            _("Chỉ tiêu năm %(year)s (%%)") % {"year": milestone},
            _("Mức cần đạt tại ngày chốt (%)"),
            _("Đánh giá"),
        ],
        [
            [
                ind["code"],
                ind["label"],
                data["figures"][ind["code"]]["num"],
                data["figures"][ind["code"]]["den"],
                data["figures"][ind["code"]]["percent"],
                data["figures"][ind["code"]]["target"],
                data["figures"][ind["code"]]["expected"],
                data["figures"][ind["code"]]["status_label"],
            ]
            for ind in data["indicators"]
        ],
    )
    children = (
        _("Đơn vị trực thuộc"),
        [_("Mã đơn vị"), _("Đơn vị"), *_figure_headers(), *status_headers, _("Số đơn vị kê khai")],
        [
            [c["code"], c["name"], *_figure_cells(c["figures"]), *_statuses(c["figures"]),
             c["declared_units"]]
            for c in data["children"]
        ],
    )  # fmt: skip
    segments = (
        _("Vùng ưu tiên và tổ chức"),
        [_("Nhóm"), _("Phân loại"), *_figure_headers(), _("Số đơn vị kê khai")],
        [
            [group, r["label"], *_figure_cells(r["figures"]), r["declared_units"]]
            for group, rows in ((_("Vùng ưu tiên"), data["areas"]),
                                (_("Tổ chức"), data["organisations"]))
            for r in rows
        ],
    )  # fmt: skip
    trend = (
        _("Diễn biến theo năm"),
        [_("Thời điểm"), *_figure_headers()],
        [[text.day(p["date"]), *_figure_cells(p["figures"])] for p in data["trend"]],
    )
    unit = data["unit"]
    about = (
        _("Thông tin"),
        [_("Mục"), _("Nội dung")],
        [
            [_("Đơn vị"), unit["name"]],
            [_("Mã đơn vị"), unit["code"]],
            [_("Cấp"), unit["level_label"]],
            [_("Đơn vị cấp trên"), unit["parent_name"]],
            [_("Loại báo cáo"), data["kind_label"]],
            [_("Số liệu tính đến ngày"), text.day(data["cutoff"])],
            [_("Ngày tổng hợp"), text.day(data["generated_at"])],
            *[
                [_("Chỉ tiêu (%(i)s) năm %(y)s (%%)") % {"i": i, "y": y}, v]
                for i, years in data["targets"].items()
                for y, v in sorted(years.items())
            ],
            *[[_("Cách tính"), line] for line in data["rules"]],
        ],
    )
    return workbook_bytes([indicators, children, segments, trend, about])
