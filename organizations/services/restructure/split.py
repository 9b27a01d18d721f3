"""Splitting a unit into new units beside it, keeping it or dissolving it, from a date on."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from ...models import Cadre, Level, OrgUnit, Post, UnitChangeKind
from ..validation import Errors, check_name
from .checks import (
    UNIT_FLAGS,
    check_active,
    check_date,
    check_fits,
    check_new_code,
    level_below,
    level_label,
    note_clean,
)
from .engine import NewUnit, Work, run
from .plan import RestructurePlan


def _cadres_of(unit: OrgUnit, effective_on: datetime.date | None) -> list[Cadre]:
    """Cadres a split may hand out: managed by the unit or holding a post there."""
    posts = Post.objects.filter(unit=unit)
    if effective_on is not None:
        posts = posts.filter(Q(end_date__isnull=True) | Q(end_date__gte=effective_on))
    return list(
        Cadre.objects.filter(Q(unit=unit) | Q(pk__in=posts.values("cadre_id")))
        .select_related("unit")
        .order_by("pk")
    )


def unit_split(
    *,
    actor,
    unit: OrgUnit,
    parts: list[dict],
    dissolve: bool,
    effective_on: datetime.date,
    note: str = "",
    request_key: str = "",
    dry_run: bool = False,
) -> RestructurePlan:
    """Create new units beside `unit` (under the same parent) and hand them the children
    and cadres listed per part: {code, name, level?, children: [codes], cadres: [ids or
    codes]}.

    With `dissolve` the unit stops on the date and the first part takes everything not
    listed, including its past; otherwise the unit continues with what is left.
    """

    def build() -> Work:
        errors = Errors()
        old = OrgUnit.objects.get(pk=unit.pk)
        text = note_clean(errors, note)
        check_active(errors, "unit", old)
        if old.depth == 1:
            errors.add("unit", _("Không thể chia tách đơn vị cấp cao nhất."))
        if not parts:
            errors.add("parts", _("Cần ít nhất một đơn vị mới."))
        errors.raise_if_any()
        parent = old.get_parent()
        children = {c.code: c for c in old.get_children()}
        available = _cadres_of(old, effective_on)
        by_key = {c.code.upper(): c for c in available} | {str(c.pk): c for c in available}
        taken: set[str] = set()
        used_children: set[str] = set()
        used_cadres: set[int] = set()
        new_units: list[NewUnit] = []
        reparent: list[tuple[OrgUnit, NewUnit]] = []
        cadres: list[tuple[Cadre, OrgUnit, NewUnit]] = []
        for n, part in enumerate(parts, 1):
            where = _("Dòng %(n)d") % {"n": n}
            code = check_new_code(errors, "parts", part.get("code", ""), taken)
            name = check_name(
                errors, "parts", part.get("name", ""), _("%(where)s: tên đơn vị") % {"where": where}
            )
            level = part.get("level") or old.level
            if level not in Level.values or not level_below(level, parent.level):
                errors.add(
                    "parts",
                    _("%(where)s: cấp “%(level)s” không đặt được dưới %(parent)s.")
                    % {"where": where, "level": level_label(level), "parent": parent.name},
                )
                level = old.level
            new = NewUnit(
                code=code,
                name=name,
                level=level,
                organisation=old.organisation,
                parent=parent,
                flags={f: getattr(old, f) for f in UNIT_FLAGS},
            )
            new_units.append(new)
            for child_code in part.get("children", []):
                child = children.get(child_code.strip().upper())
                if child is None:
                    errors.add(
                        "parts",
                        _("%(where)s: “%(code)s” không phải đơn vị trực thuộc %(unit)s.")
                        % {"where": where, "code": child_code, "unit": old.name},
                    )
                elif child.code in used_children:
                    errors.add(
                        "parts",
                        _("%(where)s: đơn vị %(code)s đã được giao cho một đơn vị mới khác.")
                        % {"where": where, "code": child.code},
                    )
                else:
                    used_children.add(child.code)
                    if child.is_active:
                        check_fits(errors, "parts", child, level, name)
                    reparent.append((child, new))
            for key in part.get("cadres", []):
                cadre = by_key.get(str(key).strip().upper())
                if cadre is None:
                    errors.add(
                        "parts",
                        _("%(where)s: không có cán bộ “%(key)s” thuộc %(unit)s.")
                        % {"where": where, "key": key, "unit": old.name},
                    )
                elif cadre.pk in used_cadres:
                    errors.add(
                        "parts",
                        _("%(where)s: cán bộ %(code)s đã được giao cho một đơn vị mới khác.")
                        % {"where": where, "code": cadre.code},
                    )
                else:
                    used_cadres.add(cadre.pk)
                    cadres.append((cadre, old, new))
        check_date(errors, effective_on, [old, *(c for c, _n in reparent)], also_existing=(parent,))
        errors.raise_if_any()

        dissolved = []
        if dissolve:
            first = new_units[0]
            for child in children.values():
                if child.code not in used_children:
                    reparent.append((child, first))
            for cadre in available:
                if cadre.pk not in used_cadres and cadre.unit_id == old.pk:
                    cadres.append((cadre, old, first))
            reparent.append((old, first))
            dissolved = [(old, first)]
        return Work(
            kind=UnitChangeKind.SPLIT,
            effective_on=effective_on,
            note=text,
            scope=parent,
            involved=[old, parent, *(c for c, _n in reparent if c.pk != old.pk)],
            new_units=new_units,
            reparent=reparent,
            dissolve=dissolved,
            cadres=cadres,
        )

    return run(actor=actor, request_key=request_key, dry_run=dry_run, build=build)
