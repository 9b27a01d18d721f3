"""Reading an uploaded XLSX or CSV into numbered rows keyed by column.

The first sheet of a workbook is read in openpyxl's read-only mode (a 100,000-row file
stays light); a CSV may be UTF-8 with or without BOM, separated by "," or ";". The header
row is found among the first rows by its known column names, compared folded (case,
spacing, diacritics and NFD input do not matter). Empty rows are skipped; a cell holding a
formula is refused, since what the organizer sees is not what would be stored.
"""

import csv
import datetime
import functools
import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from ..text import fold
from .cells import RowErrors, is_blank

HEADER_SEARCH_ROWS = 10


class FileProblem(Exception):
    """The file as a whole cannot be read; the message says why, in Vietnamese."""

    def __init__(self, message: str, *, row: int | None = None):
        super().__init__(message)
        self.message = message
        self.row = row


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    help: str = ""
    allowed: str = ""
    example: object = ""
    aliases: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """The header written in templates and exports: required columns end with "*"."""
        return f"{self.header}*" if self.required else self.header


@dataclass
class Table:
    header_row: int
    present: frozenset[str]
    rows: list[tuple[int, dict]]


def in_file_language(function):
    """Run `function` in the language of the files: Vietnamese headers and values (Nam/Nữ,
    Có/Không, Chuyên trách…) whatever language the organizer reads the site in, so a file
    downloaded by one reads the same for all, and a check run in the worker or in the
    request gives the same result."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    return wrapper


def header_key(value) -> str:
    """ "Ngày sinh (dd/mm/yyyy)*" and "ngay  sinh" compare alike."""
    value = re.sub(r"\(.*?\)|\*", " ", str(value or ""))
    return " ".join(fold(value).split())


def _xlsx_rows(data: bytes):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise FileProblem(_("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.")) from exc
    try:
        if not workbook.worksheets:
            raise FileProblem(_("Tệp không có trang tính nào."))
        sheet = workbook.worksheets[0]
        yield from enumerate(sheet.iter_rows(values_only=True), start=1)
    finally:
        workbook.close()


def _csv_rows(data: bytes):
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileProblem(
            _("Tệp CSV phải được lưu với bảng mã UTF-8 (trong Excel: “CSV UTF-8”).")
        ) from exc
    first = content.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    yield from enumerate(reader, start=1)


def read_table(data: bytes, filename: str, columns: list[Column]) -> Table:
    """The data rows of the upload as (row number, {column key: raw value})."""
    if not data:
        raise FileProblem(_("Tệp trống."))
    is_csv = filename.lower().endswith(".csv")
    raw_rows = _csv_rows(data) if is_csv else _xlsx_rows(data)
    known = {}
    for column in columns:
        for name in (column.header, *column.aliases):
            known[header_key(name)] = column.key

    head: list[tuple[int, tuple]] = []
    for number, values in raw_rows:
        if all(is_blank(v) for v in values):
            continue
        head.append((number, values))
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    if not head:
        raise FileProblem(_("Tệp không có dữ liệu."))

    def matches(values) -> int:
        return sum(1 for v in values if header_key(v) in known)

    header_number, header_values = max(head, key=lambda item: (matches(item[1]), -item[0]))
    if matches(header_values) == 0:
        header_number, header_values = head[0]
    index: dict[str, int] = {}
    for position, value in enumerate(header_values):
        key = known.get(header_key(value))
        if key is not None and key not in index:
            index[key] = position
    missing = [c.title for c in columns if c.required and c.key not in index]
    if missing:
        raise FileProblem(
            _(
                "Thiếu cột bắt buộc: %(columns)s. Dòng tiêu đề (đang đọc là dòng %(row)d của "
                "trang tính đầu tiên) phải có các cột này; hãy dùng tệp mẫu."
            )
            % {"columns": ", ".join(missing), "row": header_number},
            row=header_number,
        )

    limit = settings.IMPORT_MAX_ROWS
    positions = list(index.items())
    rows: list[tuple[int, dict]] = []

    def take(number, values):
        if all(is_blank(v) for v in values):
            return
        width = len(values)
        rows.append((number, {k: values[p] if p < width else None for k, p in positions}))
        if len(rows) > limit:
            raise FileProblem(
                _("Tệp có hơn %(max)d dòng dữ liệu; hãy chia thành nhiều tệp nhỏ hơn.")
                % {"max": limit}
            )

    for number, values in head:
        if number > header_number:
            take(number, values)
    for number, values in raw_rows:
        take(number, values)
    return Table(header_row=header_number, present=frozenset(index), rows=rows)


def formula_check(errors: RowErrors, table: Table, columns: list[Column]) -> None:
    """Refuse formulas: the stored value would be the formula, not what Excel shows."""
    titles = {c.key: c.title for c in columns}
    for number, values in table.rows:
        for key, value in values.items():
            if isinstance(value, str) and value.startswith("="):
                errors.add(
                    number,
                    titles[key],
                    value,
                    _("Ô chứa công thức: nhập giá trị, không dùng công thức."),
                    _("Một giá trị gõ trực tiếp"),
                )
                values[key] = None


# --- Parsed rows, kept between checking and committing ---------------------------------


def _encode(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return {"d": value.isoformat()[:10]}
    return value


def _decode(value):
    if isinstance(value, dict):
        return datetime.date.fromisoformat(value["d"])
    return value


def rows_dump(table: Table) -> bytes:
    import json
    import zlib

    payload = {
        "header_row": table.header_row,
        "present": sorted(table.present),
        "rows": [[n, {k: _encode(v) for k, v in values.items()}] for n, values in table.rows],
    }
    return zlib.compress(json.dumps(payload, ensure_ascii=False).encode(), 1)


def rows_load(data: bytes) -> Table:
    import json
    import zlib

    payload = json.loads(zlib.decompress(data))
    rows = [(n, {k: _decode(v) for k, v in values.items()}) for n, values in payload["rows"]]
    return Table(header_row=payload["header_row"], present=frozenset(payload["present"]), rows=rows)
