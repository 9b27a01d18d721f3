"""Reading an uploaded spreadsheet (XLSX or UTF-8 CSV) into rows of text, refusing what is
not one. Kept apart from the question rules so the import reads as the rules alone."""

import csv
import datetime
import io
import itertools
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from organizations.text import nfc

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
_XLSX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class RowError:
    """One problem, where the author will find it: the row number the spreadsheet shows
    (0 for the file as a whole) and the column header."""

    row: int
    column: str
    message: str


@dataclass
class Sheet:
    header: list[str] = field(default_factory=list)
    header_row: int = 0
    rows: list[tuple[int, list]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _file_error(message: str) -> Sheet:
    return Sheet(errors=[RowError(0, "", message)])


def cell_text(value) -> str:
    """A cell as the author sees it: 2.0 reads "2", TRUE reads "Đúng"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Đúng") if value else _("Sai")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return nfc(str(value))


def _is_empty(values) -> bool:
    return all(cell_text(v) == "" for v in values)


def _collect(numbered_rows) -> Sheet:
    sheet = Sheet()
    for number, values in numbered_rows:
        values = list(values)
        if _is_empty(values):
            continue
        if not sheet.header_row:
            sheet.header = [cell_text(v) for v in values]
            sheet.header_row = number
            continue
        if len(sheet.rows) >= MAX_ROWS:
            return _file_error(
                _("Tệp có quá nhiều dòng: mỗi lần nhập tối đa %(max)d câu hỏi; hãy chia nhỏ tệp.")
                % {"max": MAX_ROWS}
            )
        sheet.rows.append((number, values))
    if not sheet.header_row:
        return _file_error(_("Tệp không có dữ liệu: dòng đầu tiên phải là tiêu đề các cột."))
    return sheet


def _read_xlsx(data: bytes, name: str) -> Sheet:
    from openpyxl import load_workbook

    not_xlsx = _(
        "Tệp “%(name)s” không phải bảng tính Excel (.xlsx) hợp lệ. Hãy mở tệp bằng Excel "
        "hoặc LibreOffice và lưu lại dưới dạng .xlsx."
    ) % {"name": name}
    if not data.startswith(_XLSX_MAGIC):
        return _file_error(not_xlsx)
    try:
        # Cached values, as Excel last computed them; a formula never computed (a file
        # written by a program) reads as its "=..." text, which the rows refuse.
        values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # untrusted bytes: zip, XML and openpyxl's own errors alike
        return _file_error(not_xlsx)
    try:
        if not values.worksheets:
            return _file_error(not_xlsx)
        pairs = itertools.zip_longest(
            values.worksheets[0].iter_rows(values_only=True),
            formulas.worksheets[0].iter_rows(values_only=True),
            fillvalue=(),
        )
        merged = (
            [v if v is not None else f for v, f in itertools.zip_longest(vs, fs)]
            for vs, fs in pairs
        )
        return _collect(enumerate(merged, start=1))
    except Exception:  # a broken sheet part surfaces only while iterating
        return _file_error(not_xlsx)
    finally:
        values.close()
        formulas.close()


def _read_csv(data: bytes, name: str) -> Sheet:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _file_error(
            _(
                "Tệp CSV “%(name)s” không được lưu bằng mã hoá UTF-8. Trong Excel chọn "
                "Lưu thành → “CSV UTF-8”, hoặc tải lên tệp .xlsx."
            )
            % {"name": name}
        )
    if "\x00" in text:
        return _file_error(_("Tệp “%(name)s” không phải tệp CSV dạng văn bản.") % {"name": name})
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _collect(enumerate(reader, start=1))
    except csv.Error:
        return _file_error(
            _("Tệp CSV “%(name)s” bị lỗi định dạng (dấu ngoặc kép không đóng).") % {"name": name}
        )


def spreadsheet_read(file) -> Sheet:
    """Rows of the first sheet: the first non-empty row is the header; fully empty rows are
    skipped; row numbers are those the spreadsheet shows."""
    name = getattr(file, "name", "") or ""
    size = getattr(file, "size", None)
    too_big = _("Tệp “%(name)s” lớn hơn %(max)d MB; hãy chia nhỏ tệp.") % {
        "name": name,
        "max": MAX_BYTES // (1024 * 1024),
    }
    if size is not None and size > MAX_BYTES:
        return _file_error(too_big)
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return _file_error(too_big)
    if not data:
        return _file_error(_("Tệp “%(name)s” trống.") % {"name": name})
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension == "xlsx":
        return _read_xlsx(data, name)
    if extension == "csv":
        return _read_csv(data, name)
    if extension == "xls":
        return _file_error(
            _("Định dạng .xls cũ không được hỗ trợ; hãy lưu lại tệp dưới dạng .xlsx.")
        )
    return _file_error(
        _("Chỉ nhận tệp bảng tính .xlsx hoặc .csv (tệp đã chọn: “%(name)s”).") % {"name": name}
    )
