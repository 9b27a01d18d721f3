"""Spreadsheet downloads shared by the apps: one sheet per table, bold frozen headers,
written row by row (openpyxl's write-only mode) so a large scope stays light."""

import io
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Sheet = tuple[str, list[str], Iterable[list]]


def workbook_bytes(sheets: Iterable[Sheet]) -> bytes:
    """An .xlsx of (title, headers, rows) sheets; titles are cut to Excel's 31 characters."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.freeze_panes = "A2"
        header = []
        for text in headers:
            cell = WriteOnlyCell(sheet, value=text)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in rows:
            sheet.append([_text_cell(sheet, v) if _formula_like(v) else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith("=")


def _text_cell(sheet, value: str):
    """A name typed as "=…" stays text: exported data must never become a live formula."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def xlsx_response(content: bytes, name: str) -> HttpResponse:
    """A download named `<name>-<today>.xlsx`."""
    response = HttpResponse(content, content_type=XLSX)
    filename = f"{name}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
