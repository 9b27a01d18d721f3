"""Checks shared by the restructurings, each with a message an organizer can act on."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from ...models import Level, OrgUnit, UnitVersion
from ..validation import Errors

LEVEL_ORDER = [Level.CENTRAL, Level.PROVINCE, Level.DISTRICT, Level.GRASSROOTS, Level.BRANCH]
UNIT_FLAGS = ("is_ethnic_minority_area", "is_mountain", "is_border", "is_island")
# Before any unit of the tree; also keeps "the day before" a valid date.
EARLIEST = datetime.date(1900, 1, 1)


def day(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def level_below(child_level: str, parent_level: str) -> bool:
    """Whether a unit of `child_level` may sit under one of `parent_level`."""
    if child_level not in LEVEL_ORDER or parent_level not in LEVEL_ORDER:
        return False
    return LEVEL_ORDER.index(child_level) > LEVEL_ORDER.index(parent_level)


def parent_path(unit: OrgUnit) -> str:
    return unit.path[: -OrgUnit.steplen]


def common_ancestor(units: list[OrgUnit]) -> OrgUnit:
    """The smallest unit whose subtree holds every unit given."""
    paths = [u.path for u in units]
    prefix = paths[0]
    for path in paths[1:]:
        n = 0
        while n < min(len(prefix), len(path)) and prefix[n] == path[n]:
            n += 1
        prefix = prefix[:n]
    prefix = prefix[: len(prefix) - len(prefix) % OrgUnit.steplen]
    return OrgUnit.objects.get(path=prefix)


def check_date(
    errors: Errors,
    effective_on: datetime.date | None,
    units: list[OrgUnit],
    *,
    also_existing: tuple[OrgUnit | None, ...] = (),
) -> None:
    """Today or earlier, not before a change already recorded for a unit the change rewrites
    (`units`: versions must stay in date order), and not before any unit involved existed
    (`units` and `also_existing`, e.g. the parent a new unit is created under)."""
    if effective_on is None:
        errors.add("effective_on", _("Cần nhập ngày có hiệu lực (dd/mm/yyyy)."))
        return
    today = timezone.localdate()
    if effective_on < EARLIEST:
        errors.add(
            "effective_on",
            _("Ngày có hiệu lực %(date)s quá xa trong quá khứ: cần từ %(earliest)s trở đi.")
            % {"date": day(effective_on), "earliest": day(EARLIEST)},
        )
        return
    if effective_on > today:
        errors.add(
            "effective_on",
            _(
                "Ngày có hiệu lực %(date)s ở tương lai. Chỉ nhập thay đổi khi quyết định đã có "
                "hiệu lực (hôm nay %(today)s hoặc trước đó)."
            )
            % {"date": day(effective_on), "today": day(today)},
        )
    ids = [u.pk for u in units]
    later = (
        UnitVersion.objects.filter(unit_id__in=ids, valid_until__gt=effective_on)
        .select_related("unit")
        .order_by("-valid_until")
        .first()
    )
    if later is not None:
        errors.add(
            "effective_on",
            _(
                "%(unit)s đã có thay đổi cơ cấu có hiệu lực từ %(date)s; ngày có hiệu lực phải "
                "từ ngày đó trở đi."
            )
            % {"unit": later.unit.name, "date": day(later.valid_until)},
        )
    for unit in [*units, *(u for u in also_existing if u is not None)]:
        if unit.established_on and unit.established_on > effective_on:
            errors.add(
                "effective_on",
                _("%(unit)s được thành lập từ %(date)s; ngày có hiệu lực không được trước đó.")
                % {"unit": unit.name, "date": day(unit.established_on)},
            )


def check_active(errors: Errors, field_name: str, unit: OrgUnit) -> None:
    if not unit.is_active:
        errors.add(
            field_name,
            _("%(unit)s (%(code)s) đã ngừng hoạt động hoặc đã sáp nhập.")
            % {"unit": unit.name, "code": unit.code},
        )


def check_new_code(errors: Errors, field_name: str, code: str, taken: set[str]) -> str:
    code = (code or "").strip().upper()
    if not code or len(code) > 32 or not all(ch.isalnum() or ch == "-" for ch in code):
        errors.add(
            field_name,
            _(
                "Mã đơn vị mới “%(code)s” không hợp lệ: gồm chữ cái không dấu, chữ số hoặc “-”, "
                "tối đa 32 ký tự."
            )  # fmt: skip
            % {"code": code},
        )
    elif code in taken or OrgUnit.objects.filter(code=code).exists():
        errors.add(field_name, _("Mã đơn vị %(code)s đã được dùng.") % {"code": code})
    taken.add(code)
    return code


def check_request_key(errors: Errors, request_key: str, dry_run: bool) -> str:
    request_key = (request_key or "").strip()
    if not dry_run and not request_key:
        errors.add("__all__", _("Thiếu mã yêu cầu: hãy xem trước thay đổi rồi bấm xác nhận."))
    elif len(request_key) > 64:
        errors.add("__all__", _("Mã yêu cầu dài tối đa 64 ký tự."))
    return request_key


NOTE_MAX = 255


def note_clean(errors: Errors, note: str) -> str:
    note = " ".join((note or "").split())
    if len(note) > NOTE_MAX:
        errors.add("note", _("Căn cứ dài tối đa %(max)d ký tự.") % {"max": NOTE_MAX})
    return note


def level_label(level: str) -> str:
    return str(Level(level).label) if level in Level.values else level


def check_fits(errors: Errors, field_name: str, unit, parent_level: str, parent_name: str):
    if not level_below(unit.level, parent_level):
        errors.add(
            field_name,
            _(
                "Không thể đặt %(unit)s (cấp %(level)s) dưới %(parent)s (cấp %(parent_level)s): "
                "đơn vị cấp trên phải ở cấp cao hơn."
            )
            % {
                "unit": unit.name,
                "level": level_label(unit.level),
                "parent": parent_name,
                "parent_level": level_label(parent_level),
            },
        )


def distinct(units: list[OrgUnit]) -> list[OrgUnit]:
    return list({u.pk: u for u in units}.values())
