"""Field checks with messages a cadre or organizer can act on, in Vietnamese."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from ..text import nfc

NAME_MAX = 150
_NATIONAL_ID = re.compile(r"^\d{12}$")
_PHONE = re.compile(r"^\+?[\d .-]{8,20}$")


class Errors:
    """Collects field errors and raises them together, so a form shows every problem."""

    def __init__(self):
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


def check_name(errors: Errors, field: str, value: str, label: str) -> str:
    value = re.sub(r"\s+", " ", nfc(value))
    if not value:
        errors.add(field, _("%(label)s không được để trống.") % {"label": label})
    elif len(value) > NAME_MAX:
        errors.add(
            field,
            _("%(label)s dài tối đa %(max)d ký tự (đang có %(n)d ký tự).")
            % {"label": label, "max": NAME_MAX, "n": len(value)},
        )
    return value


def check_choice(errors: Errors, field: str, value: str, choices, label: str) -> str:
    if value not in choices.values:
        errors.add(
            field,
            _("%(label)s không hợp lệ: “%(value)s”. Chọn một trong: %(allowed)s.")
            % {"label": label, "value": value, "allowed": ", ".join(map(str, choices.labels))},
        )
    return value


def check_national_id(errors: Errors, value: str) -> str:
    value = nfc(value).replace(" ", "")
    if value and not _NATIONAL_ID.match(value):
        errors.add("national_id", _("Số CCCD phải gồm đúng 12 chữ số."))
    return value


def check_email(errors: Errors, value: str, *, required: bool = False) -> str:
    value = nfc(value).lower()
    if not value:
        if required:
            errors.add("email", _("Cần nhập email."))
        return value
    try:
        validate_email(value)
    except ValidationError:
        errors.add("email", _("Email “%(value)s” không đúng định dạng.") % {"value": value})
    return value


def check_phone(errors: Errors, value: str) -> str:
    value = nfc(value)
    if value and not _PHONE.match(value):
        errors.add("phone", _("Số điện thoại chỉ gồm chữ số (8–20 ký tự)."))
    return value


def check_birth_date(errors: Errors, value: datetime.date | None) -> None:
    if value is None:
        return
    today = datetime.date.today()
    if value > today:
        errors.add("date_of_birth", _("Ngày sinh không thể ở tương lai."))
    elif value.year < today.year - 100:
        errors.add("date_of_birth", _("Ngày sinh không hợp lệ (quá 100 năm trước)."))
