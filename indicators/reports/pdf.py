"""The report as a Vietnamese administrative document (A4 portrait), typeset by WeasyPrint
from `templates/indicators/reports/report_pdf.html` with the fonts shipped in
`static/fonts`; nothing else is ever fetched."""

import datetime
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import text

FONTS_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
TEMPLATE = "indicators/reports/report_pdf.html"
# The Đoàn's and the Hội's own lines of the header, and the symbol after "-BC/".
ORGANISATION_LINES = {
    "doan": "ĐOÀN TNCS HỒ CHÍ MINH",
    "hoi_lhtn": "HỘI LIÊN HIỆP THANH NIÊN VIỆT NAM",
    "hoi_sv": "HỘI SINH VIÊN VIỆT NAM",
}
SYMBOLS = {
    "central": "TWĐTN",
    "province": "TĐTN",
    "district": "HĐTN",
    "grassroots": "ĐTN",
    "branch": "CĐ",
}
ORGANISATION_SYMBOLS = {"hoi_lhtn": "HLHTN", "hoi_sv": "HSV"}


class FontsOnly(URLFetcher):
    """Serves the shipped fonts; a report reads nothing else."""

    def fetch(self, url, headers=None):
        if url.startswith("file://"):
            path = (FONTS_DIR / url.rsplit("/", 1)[-1]).resolve()
            if path.parent == FONTS_DIR.resolve() and path.suffix == ".ttf" and path.is_file():
                return URLFetcherResponse(
                    url, path.read_bytes(), headers={"Content-Type": "font/ttf"}
                )
        raise ValueError(f"not fetched, a report reads only the shipped fonts: {url}")


def issuer_lines(unit: dict) -> tuple[str, str]:
    """The left header: the body above (if any) and the issuing committee, in capitals."""
    name = unit["name"]
    if unit["organisation"] == "doan":
        for prefix, replacement in (
            ("Tỉnh Đoàn ", "Đoàn tỉnh "),
            ("Thành Đoàn ", "Đoàn thành phố "),
        ):
            if name.startswith(prefix):
                name = replacement + name[len(prefix) :]
        name = ("BAN CHẤP HÀNH " if unit["level"] == "central" else "BCH ") + name
    return unit.get("parent_name", "").upper(), name.upper()


def _cells(figures: dict) -> list[dict]:
    return [
        {
            "share": text.share(f["percent"]),
            "fraction": text.fraction(f),
            "status": f["status"],
            "status_label": f["status_label"],
        }
        for f in (figures[i] for i in "abcd")
    ]


def _segment_rows(rows: list[dict]) -> list[dict]:
    return [
        {"label": r["label"], "cells": _cells(r["figures"]), "declared": r["declared_units"]}
        for r in rows
    ]


def context(data: dict) -> dict:
    """What the template prints, all of it derived from `data`."""
    unit = data["unit"]
    generated = datetime.datetime.fromisoformat(data["generated_at"]).date()
    upper, issuer = issuer_lines(unit)
    symbol = ORGANISATION_SYMBOLS.get(unit["organisation"]) or SYMBOLS.get(unit["level"], "ĐTN")
    indicators = [
        {
            "code": ind["code"],
            "label": ind["label"],
            "figure": data["figures"][ind["code"]],
            "share": text.share(data["figures"][ind["code"]]["percent"]),
            "num": text.number(data["figures"][ind["code"]]["num"]),
            "den": text.number(data["figures"][ind["code"]]["den"]),
            "target": text.share(data["figures"][ind["code"]]["target"]),
            "expected": text.share(data["figures"][ind["code"]]["expected"]),
        }
        for ind in data["indicators"]
    ]
    return {
        "data": data,
        "unit": unit,
        "fonts_dir": FONTS_DIR.as_uri(),
        "upper_line": upper,
        "issuer_line": issuer,
        "motto": ORGANISATION_LINES.get(unit["organisation"], ORGANISATION_LINES["doan"]),
        "place_date": _("%(place)s, ngày %(d)02d tháng %(m)02d năm %(y)d")
        % {"place": unit["place"], "d": generated.day, "m": generated.month, "y": generated.year},
        "number_line": _("Số:       -BC/%(symbol)s") % {"symbol": symbol},
        "midterm": data["kind"] == "midterm",
        "cutoff": text.day(data["cutoff"]),
        "generated": text.day(data["generated_at"]),
        "indicators": indicators,
        "declared_units": text.number(data["declared_units"]),
        "children": [
            {"code": c["code"], "name": c["name"], "cells": _cells(c["figures"])}
            for c in data["children"]
        ],
        "areas": _segment_rows(data["areas"]),
        "organisations": _segment_rows(data["organisations"]),
        "trend": [
            {
                "date": text.day(point["date"]),
                "cells": [
                    {
                        "share": text.share(point["figures"][i]["percent"]),
                        "fraction": text.fraction(point["figures"][i]),
                    }
                    for i in "abcd"
                ],
            }
            for point in data["trend"]
        ],
        "statuses": data["statuses"],
    }


def report_html(data: dict) -> str:
    return render_to_string(TEMPLATE, context(data))


def report_pdf(data: dict) -> bytes:
    return HTML(string=report_html(data), url_fetcher=FontsOnly()).write_pdf()
