"""Moving a subtree under another parent, and renaming a unit, from a date on."""

import datetime

from django.utils.translation import gettext as _

from ...models import OrgUnit, UnitChangeKind
from ..validation import Errors, check_name
from .checks import check_active, check_date, check_fits, common_ancestor, note_clean, parent_path
from .engine import Work, run
from .plan import RestructurePlan


def unit_move(
    *,
    actor,
    unit: OrgUnit,
    new_parent: OrgUnit,
    effective_on: datetime.date,
    note: str = "",
    request_key: str = "",
    dry_run: bool = False,
) -> RestructurePlan:
    """Place `unit` and its whole subtree under `new_parent` from the date on.

    Its records move with it (they hang off the unit); the version kept says where it was.
    """

    def build() -> Work:
        errors = Errors()
        moving = OrgUnit.objects.get(pk=unit.pk)
        target = OrgUnit.objects.get(pk=new_parent.pk)
        text = note_clean(errors, note)
        check_active(errors, "unit", moving)
        check_active(errors, "new_parent", target)
        if moving.depth == 1:
            errors.add("unit", _("Không thể chuyển đơn vị cấp cao nhất."))
        elif target.path.startswith(moving.path):
            errors.add(
                "new_parent",
                _("Không thể chuyển %(unit)s vào chính nó hoặc vào đơn vị trực thuộc nó.")
                % {"unit": moving.name},
            )
        elif parent_path(moving) == target.path:
            errors.add(
                "new_parent",
                _("%(unit)s đã trực thuộc %(parent)s.")
                % {"unit": moving.name, "parent": target.name},
            )
        else:
            check_fits(errors, "new_parent", moving, target.level, target.name)
        errors.raise_if_any()
        old_parent = moving.get_parent()
        check_date(errors, effective_on, [moving], also_existing=(target,))
        errors.raise_if_any()
        return Work(
            kind=UnitChangeKind.MOVE,
            effective_on=effective_on,
            note=text,
            scope=common_ancestor([moving, target]),
            involved=[moving, target, old_parent],
            reparent=[(moving, target)],
        )

    return run(actor=actor, request_key=request_key, dry_run=dry_run, build=build)


def unit_rename(
    *,
    actor,
    unit: OrgUnit,
    new_name: str,
    effective_on: datetime.date,
    note: str = "",
    request_key: str = "",
    dry_run: bool = False,
) -> RestructurePlan:
    """Give `unit` a new name from the date on; the version kept holds the old one, so past
    reports and the unit's history still show the name it had then."""

    def build() -> Work:
        errors = Errors()
        current = OrgUnit.objects.get(pk=unit.pk)
        text = note_clean(errors, note)
        check_active(errors, "unit", current)
        name = check_name(errors, "new_name", new_name, _("Tên mới"))
        if name and name == current.name:
            errors.add("new_name", _("Tên mới trùng với tên hiện tại."))
        check_date(errors, effective_on, [current])
        errors.raise_if_any()
        return Work(
            kind=UnitChangeKind.RENAME,
            effective_on=effective_on,
            note=text,
            scope=current,
            involved=[current],
            rename=[(current, name)],
        )

    return run(actor=actor, request_key=request_key, dry_run=dry_run, build=build)
