"""Turning spreadsheet cells into values, with row and column errors an organizer can act on.

A cell arrives as openpyxl or the csv module gives it: text, a number, a date, a boolean
or nothing. Each reader here takes the raw value, records a problem on the row when it
cannot be used, and returns the cleaned value (or None).
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from ..text import fold, nfc

MAX_KEPT_ERRORS = 1000
DATE_FORMAT = "%d/%m/%Y"
_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$")
YES = {"co", "x", "1", "true", "yes", "dung"}
NO = {"khong", "0", "false", "no", "sai"}


@dataclass
class RowErrors:
    """Every problem found in a file: the first MAX_KEPT_ERRORS kept, all of them counted."""

    items: list[dict] = field(default_factory=list)
    count: int = 0
    rows: set[int] = field(default_factory=set)

    def add(self, row: int | None, column: str, value, message: str, expected: str = ""):
        self.count += 1
        if row is not None:
            self.rows.add(row)
        if len(self.items) < MAX_KEPT_ERRORS:
            self.items.append(
                {
                    "row": row,
                    "column": column,
                    "value": display(value),
                    "message": message,
                    "expected": expected,
                }
            )

    def __bool__(self) -> bool:
        return self.count > 0


def display(value) -> str:
    """A raw cell as the organizer typed it, for the error table."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)[:200]


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value) -> str:
    """NFC text with single spaces; a number typed in a text column reads as its digits."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime(DATE_FORMAT)
    value = str(value)
    if value.isascii():
        return " ".join(value.split())
    return " ".join(nfc(value).split())


def digits(errors: RowErrors, row: int, column: str, value, *, length: int | None = None) -> str:
    """Digits kept as text (national ID, phone). A number cell has lost its leading zeros,
    so it is accepted only when it still has the full length."""
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        as_text = str(int(value)) if float(value).is_integer() else str(value)
        if length is not None and len(as_text) == length:
            return as_text
        if length is None and as_text.startswith(("0", "84")):
            return as_text
        errors.add(
            row,
            column,
            value,
            _("Ô đang ở dạng số nên có thể đã mất các chữ số 0 ở đầu."),
            _("Định dạng cột là Văn bản (Text) rồi nhập lại đủ các chữ số"),
        )
        return ""
    return text(value).replace(" ", "") if length else text(value)


def date(errors: RowErrors, row: int, column: str, value) -> datetime.date | None:
    """An Excel date cell or a "dd/mm/yyyy" text; anything else is an error."""
    if is_blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        value_s = value.strip()
        match = _DATE.match(value_s)
        try:
            if match:
                day, month, year = (int(g) for g in match.groups())
                return datetime.date(year, month, day)
            match = _ISO_DATE.match(value_s)
            if match:
                year, month, day = (int(g) for g in match.groups())
                return datetime.date(year, month, day)
        except ValueError:
            pass
    errors.add(row, column, value, _("Ngày không hợp lệ, cần dd/mm/yyyy."), "dd/mm/yyyy")
    return None


def yes_no(errors: RowErrors, row: int, column: str, value) -> bool | None:
    """Có/Không (also x, 1/0, TRUE/FALSE); None when the cell is empty."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    key = fold(text(value))
    if key in YES:
        return True
    if key in NO:
        return False
    errors.add(row, column, value, _("Giá trị không hợp lệ."), _("Có hoặc Không"))
    return None


def choice_key(value: str) -> str:
    """How labels are compared: folded, with hyphens, apostrophes and spaces ignored."""
    return re.sub(r"[\s'’\-_.]+", "", fold(value))


def choice_lookup(choices, aliases: dict[str, str] | None = None) -> dict[str, str]:
    """Folded label, value and alias -> stored value, for a TextChoices class."""
    table = {}
    for value, label in choices.choices:
        table[choice_key(str(label))] = value
        table[choice_key(value)] = value
    for alias, value in (aliases or {}).items():
        table[choice_key(alias)] = value
    return table


def choice(errors: RowErrors, row: int, column: str, value, table: dict, allowed: str):
    if is_blank(value):
        return None
    found = table.get(value) if isinstance(value, str) else None
    if found is None:
        found = table.get(choice_key(text(value)))
        if found is None:
            errors.add(row, column, value, _("Giá trị không có trong danh mục."), allowed)
        elif isinstance(value, str):
            table[value] = found  # the same spelling is met again on the next rows
    return found


def decimal(
    errors: RowErrors, row: int, column: str, value, *, low: int = 0, high: int = 100
) -> Decimal | None:
    """A score from low to high, "8,5" or 8.5, kept to two decimals."""
    if is_blank(value):
        return None
    expected = _("Một số từ %(low)d đến %(high)d") % {"low": low, "high": high}
    if isinstance(value, bool):
        errors.add(row, column, value, _("Cần nhập một số."), expected)
        return None
    try:
        number = Decimal(str(value).replace(",", ".").strip())
    except (InvalidOperation, ValueError):
        errors.add(row, column, value, _("Cần nhập một số."), expected)
        return None
    if not number.is_finite() or number < low or number > high:
        errors.add(row, column, value, _("Số nằm ngoài khoảng cho phép."), expected)
        return None
    return number.quantize(Decimal("0.01"))
