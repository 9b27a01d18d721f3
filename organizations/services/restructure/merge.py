"""Merging units into a new or an existing unit from a date on."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from ...models import Cadre, Level, OrgUnit, UnitChangeKind
from ..validation import Errors, check_name
from .checks import (
    UNIT_FLAGS,
    check_active,
    check_date,
    check_fits,
    check_new_code,
    common_ancestor,
    distinct,
    level_below,
    level_label,
    note_clean,
    parent_path,
)
from .engine import NewUnit, Work, run
from .plan import RestructurePlan


def units_merge(
    *,
    actor,
    sources: list[OrgUnit],
    into: OrgUnit | None = None,
    new_code: str = "",
    new_name: str = "",
    new_level: str = "",
    parent: OrgUnit | None = None,
    effective_on: datetime.date,
    note: str = "",
    request_key: str = "",
    dry_run: bool = False,
) -> RestructurePlan:
    """Merge `sources` into `into` (an existing unit that absorbs them) or, when `into` is
    None, into a new unit `new_code`/`new_name` created under `parent` on the date.

    The sources stop on the date and stay, with their records, as inactive children of the
    receiving unit; their children, cadres, open posts and later classes move to it.
    """

    def build() -> Work:
        errors = Errors()
        units = [OrgUnit.objects.get(pk=u.pk) for u in distinct(sources)]
        target_unit = OrgUnit.objects.get(pk=into.pk) if into is not None else None
        parent_unit = OrgUnit.objects.get(pk=parent.pk) if parent is not None else None
        text = note_clean(errors, note)
        if len(units) < (1 if target_unit else 2):
            errors.add(
                "sources",
                _("Chọn ít nhất một đơn vị để sáp nhập vào đơn vị nhận.")
                if target_unit
                else _("Chọn ít nhất hai đơn vị để sáp nhập thành đơn vị mới."),
            )
        for unit in units:
            check_active(errors, "sources", unit)
            if unit.depth == 1:
                errors.add("sources", _("Không thể sáp nhập đơn vị cấp cao nhất."))
            for other in units:
                if other.pk != unit.pk and unit.path.startswith(other.path):
                    errors.add(
                        "sources",
                        _("%(unit)s trực thuộc %(other)s: chỉ chọn các đơn vị không lồng nhau.")
                        % {"unit": unit.name, "other": other.name},
                    )
        if len({u.level for u in units}) > 1:
            errors.add("sources", _("Các đơn vị sáp nhập phải cùng cấp."))
        if target_unit is not None:
            check_active(errors, "into", target_unit)
            for unit in units:
                if target_unit.path.startswith(unit.path):
                    errors.add(
                        "into",
                        _("Không thể sáp nhập %(unit)s vào chính nó hoặc vào đơn vị trực thuộc nó.")
                        % {"unit": unit.name},
                    )
                elif unit.level != target_unit.level:
                    errors.add(
                        "into",
                        _("%(unit)s (cấp %(level)s) và %(into)s (cấp %(into_level)s) khác cấp.")
                        % {
                            "unit": unit.name,
                            "level": level_label(unit.level),
                            "into": target_unit.name,
                            "into_level": level_label(target_unit.level),
                        },
                    )
            receiving_level, receiving_name = target_unit.level, target_unit.name
        else:
            if parent_unit is None:
                errors.add("parent", _("Cần chọn đơn vị cấp trên của đơn vị mới."))
            else:
                check_active(errors, "parent", parent_unit)
                for unit in units:
                    if parent_unit.path.startswith(unit.path):
                        errors.add(
                            "parent",
                            _(
                                "Không thể lập đơn vị mới trong %(unit)s: đơn vị này đang được "
                                "sáp nhập."
                            )
                            % {"unit": unit.name},
                        )
            code = check_new_code(errors, "new_code", new_code, set())
            name = check_name(errors, "new_name", new_name, _("Tên đơn vị mới"))
            level = new_level or (units[0].level if units else "")
            if level not in Level.values:
                errors.add("new_level", _("Cấp của đơn vị mới không hợp lệ."))
            elif parent_unit is not None and not level_below(level, parent_unit.level):
                errors.add(
                    "new_level",
                    _("Đơn vị mới phải ở cấp thấp hơn %(parent)s.") % {"parent": parent_unit.name},
                )
            receiving_level, receiving_name = level, name
        errors.raise_if_any()

        children = list(
            OrgUnit.objects.filter(
                Q(*[Q(path__startswith=u.path) for u in units], _connector=Q.OR),
                depth__in={u.depth + 1 for u in units},
            ).order_by("path")
        )
        children = [c for c in children if any(parent_path(c) == u.path for u in units)]
        for child in children:
            if child.is_active:
                check_fits(errors, "sources", child, receiving_level, receiving_name)
        check_date(
            errors, effective_on, [*units, *children], also_existing=(target_unit, parent_unit)
        )
        errors.raise_if_any()

        if target_unit is not None:
            target = target_unit
            scope = common_ancestor([*units, target_unit])
        else:
            target = NewUnit(
                code=code,
                name=name,
                level=level,
                organisation=units[0].organisation,
                parent=parent_unit,
                flags={f: any(getattr(u, f) for u in units) for f in UNIT_FLAGS},
            )
            scope = common_ancestor([*units, parent_unit])
        cadres = Cadre.objects.filter(unit__in=units).select_related("unit").order_by("pk")
        return Work(
            kind=UnitChangeKind.MERGE,
            effective_on=effective_on,
            note=text,
            scope=scope,
            involved=[*units, *children, *([target_unit] if target_unit else [])],
            new_units=[target] if isinstance(target, NewUnit) else [],
            reparent=[(c, target) for c in children] + [(u, target) for u in units],
            dissolve=[(u, target) for u in units],
            cadres=[(c, c.unit, target) for c in cadres],
        )

    return run(actor=actor, request_key=request_key, dry_run=dry_run, build=build)
