"""Unit lists: the import and export of units below the organizer's unit.

Keyed by unit code. A new unit's parent is a unit already in the organizer's subtree or
another row of the same file, in any order; new units get their tree paths the way
`org_units_load_official` gives them (after the parent's last child) and are written in
bulk. An existing unit may be renamed or have its flags and administrative code corrected;
moving it under another parent is a dated restructuring, not an import.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Level, Organisation, OrgUnit
from ..services.units import _LEVEL_ORDER, UNIT_FLAGS, _Children, _path
from ..services.validation import Errors, check_name
from . import cells
from .cadres import ORGANISATION_ALIASES, labels, organisation_column
from .reading import Column
from .registry import CREATE, UNCHANGED, UPDATE, Context, ImportKind, Plan, register
from .units_lookup import normalise_code, resolve_unit_codes

FLAG_HEADERS = {
    "is_ethnic_minority_area": gettext_lazy("Vùng DTTS"),
    "is_mountain": gettext_lazy("Miền núi"),
    "is_border": gettext_lazy("Biên giới"),
    "is_island": gettext_lazy("Hải đảo"),
}
_CODE_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")


def _parent_code(unit: OrgUnit, paths: dict[str, str]) -> str:
    return paths.get(unit.path[: -OrgUnit.steplen], "")


class UnitImport(ImportKind):
    name = "units"
    label = gettext_lazy("Danh sách đơn vị")
    filename = "don-vi"
    guide = gettext_lazy(
        "Mỗi dòng là một đơn vị. Đơn vị cấp trên có thể là đơn vị đã có trong phạm vi bạn "
        "quản lý hoặc một dòng khác của tệp (thứ tự dòng tuỳ ý). Đơn vị đã có (cùng mã) được "
        "cập nhật tên, mã hành chính và các đặc điểm vùng; muốn chuyển đơn vị sang cấp trên "
        "khác, dùng chức năng chuyển đơn vị. Ô trống ở cột Có/Không: khi thêm mới lấy theo "
        "đơn vị cấp trên, khi cập nhật giữ nguyên."
    )

    @property
    def columns(self) -> list[Column]:
        flags = [
            Column(flag, str(header), allowed=_("Có hoặc Không"), example="Không")
            for flag, header in FLAG_HEADERS.items()
        ]
        return [
            Column(
                "code",
                _("Mã đơn vị"),
                required=True,
                allowed=_("Chữ cái không dấu, chữ số hoặc “-”, tối đa 32 ký tự"),
                example="X24000-CD01",
            ),
            Column(
                "name",
                _("Tên đơn vị"),
                required=True,
                allowed=_("Tối đa 150 ký tự"),
                example="Chi đoàn thôn 1",
            ),
            Column(
                "parent",
                _("Mã đơn vị cấp trên"),
                required=True,
                help=_("Đơn vị trong phạm vi bạn quản lý, hoặc một dòng khác của tệp."),
                allowed=_("Mã đơn vị"),
                example="X24000",
            ),
            organisation_column(),
            Column(
                "level",
                _("Cấp"),
                required=True,
                help=_("Thấp hơn cấp của đơn vị cấp trên."),
                allowed=labels(Level),
                example=str(Level.BRANCH.label),
            ),
            Column(
                "admin_code",
                _("Mã hành chính"),
                allowed=_("Mã tỉnh hoặc mã xã theo danh mục hành chính, tối đa 16 ký tự"),
                example="",
            ),
            *flags,
        ]

    def back_url(self, scope_unit, target_id) -> str:
        return reverse("unit_detail", args=[scope_unit.code])

    def preview_headers(self) -> list[str]:
        return [_("Mã đơn vị"), _("Tên đơn vị"), _("Mã đơn vị cấp trên"), _("Cấp")]

    def plan(self, ctx: Context, rows: list[tuple[int, dict]]) -> Plan:
        errors = ctx.errors
        titles = {c.key: c.title for c in self.columns}
        organisations = cells.choice_lookup(Organisation, ORGANISATION_ALIASES)
        levels = cells.choice_lookup(Level, {"Tỉnh": Level.PROVINCE, "Thành": Level.PROVINCE})
        parsed, first_row = {}, {}
        for i, (number, raw) in enumerate(rows, start=1):
            ctx.progress(i)
            row_errors = Errors()
            code = normalise_code(cells.text(raw.get("code")))
            p = {"row": number, "code": code}
            if not code or len(code) > 32 or not set(code) <= _CODE_CHARS:
                errors.add(
                    number,
                    titles["code"],
                    raw.get("code"),
                    _("Mã đơn vị trống hoặc không hợp lệ."),
                    _("Chữ cái không dấu, chữ số hoặc “-”, tối đa 32 ký tự"),
                )
            elif code in first_row:
                errors.add(
                    number,
                    titles["code"],
                    code,
                    _("Trùng với dòng %(row)d của tệp.") % {"row": first_row[code]},
                    _("Mỗi đơn vị chỉ một dòng"),
                )
            else:
                first_row[code] = number
            name = cells.text(raw.get("name"))
            p["name"] = check_name(row_errors, "name", name, _("Tên đơn vị"))
            for message in row_errors.by_field.get("name", []):
                errors.add(number, titles["name"], raw.get("name"), message, _("Tối đa 150 ký tự"))
            p["parent"] = normalise_code(cells.text(raw.get("parent")))
            if not p["parent"]:
                errors.add(number, titles["parent"], "", _("Không được để trống."), _("Mã đơn vị"))
            for key, table in (("organisation", organisations), ("level", levels)):
                allowed = labels(Organisation if key == "organisation" else Level)
                p[key] = cells.choice(errors, number, titles[key], raw.get(key), table, allowed)
                if cells.is_blank(raw.get(key)):
                    errors.add(number, titles[key], "", _("Không được để trống."), allowed)
            p["admin_code"] = cells.digits(
                errors, number, titles["admin_code"], raw.get("admin_code")
            )
            if len(p["admin_code"]) > 16:
                errors.add(
                    number,
                    titles["admin_code"],
                    p["admin_code"],
                    _("Quá dài."),
                    _("Tối đa 16 ký tự"),
                )
            for flag in UNIT_FLAGS:
                p[flag] = cells.yes_no(errors, number, titles[flag], raw.get(flag))
            if code and first_row.get(code) == number:
                parsed[code] = p

        known = resolve_unit_codes(
            set(parsed) | {p["parent"] for p in parsed.values()},
            ctx.scope_unit,
            follow_history=False,
        )
        taken = set(
            OrgUnit.objects.filter(code__in=[c for c in parsed if c not in known]).values_list(
                "code", flat=True
            )
        )
        scope_codes = self._paths_to_codes(known.values())
        plan = Plan()
        new_codes: list[str] = []
        for code, p in parsed.items():
            number = p["row"]
            existing = known.get(code)
            if existing is None and code in taken:
                errors.add(
                    number,
                    titles["code"],
                    code,
                    _("Mã đơn vị đã được dùng cho một đơn vị ngoài phạm vi bạn quản lý."),
                    _("Một mã chưa dùng"),
                )
                continue
            if existing is not None:
                self._plan_existing(ctx, p, existing, scope_codes, titles, plan)
                continue
            if p["parent"] in known and not known[p["parent"]].is_active:
                errors.add(
                    number,
                    titles["parent"],
                    p["parent"],
                    _("Đơn vị cấp trên đã ngừng hoạt động (đã sáp nhập hoặc giải thể)."),
                    _("Mã một đơn vị đang hoạt động"),
                )
                continue
            if p["parent"] not in known and p["parent"] not in parsed:
                errors.add(
                    number,
                    titles["parent"],
                    p["parent"],
                    _("Không có đơn vị mã này trong phạm vi bạn quản lý, cũng không có trong tệp."),
                    _("Mã một đơn vị thuộc %(unit)s hoặc một dòng của tệp")
                    % {"unit": ctx.scope_unit.name},
                )
                continue
            new_codes.append(code)
        order = self._order_new(ctx, parsed, known, new_codes, titles)
        for code in order:
            p = parsed[code]
            plan.actions.append(
                (p["row"], CREATE, [code, p["name"], p["parent"], str(Level(p["level"]).label)])
            )
        plan.actions.sort(key=lambda item: item[0])
        plan.data = {"parsed": parsed, "known": known, "order": order}
        return plan

    def _paths_to_codes(self, units) -> dict[str, str]:
        """Path -> code of the parents of `units`, to compare a row's parent with the tree."""
        parent_paths = {u.path[: -OrgUnit.steplen] for u in units if u.depth > 1}
        return dict(OrgUnit.objects.filter(path__in=parent_paths).values_list("path", "code"))

    def _plan_existing(self, ctx, p, unit, scope_codes, titles, plan) -> None:
        number = p["row"]
        errors = ctx.errors
        current_parent = _parent_code(unit, scope_codes)
        if p["parent"] and p["parent"] != current_parent:
            errors.add(
                number,
                titles["parent"],
                p["parent"],
                _(
                    "Đơn vị %(code)s đã có, đang trực thuộc %(parent)s. Muốn chuyển sang cấp "
                    "trên khác, dùng chức năng chuyển đơn vị (có ngày hiệu lực)."
                )
                % {"code": unit.code, "parent": current_parent or "—"},
                current_parent,
            )
        for key in ("organisation", "level"):
            if p[key] and p[key] != getattr(unit, key):
                errors.add(
                    number,
                    titles[key],
                    p[key],
                    _("Không đổi được %(what)s của đơn vị đã có qua nhập tệp.")
                    % {"what": titles[key].rstrip("*").lower()},
                    str(getattr(unit, f"get_{key}_display")()),
                )
        if number in errors.rows:
            return
        changes = {}
        if p["name"] and p["name"] != unit.name:
            changes["name"] = p["name"]
        if p["admin_code"] and p["admin_code"] != unit.admin_code:
            changes["admin_code"] = p["admin_code"]
        for flag in UNIT_FLAGS:
            if p[flag] is not None and p[flag] != getattr(unit, flag):
                changes[flag] = p[flag]
        p["changes"] = changes
        action = UPDATE if changes else UNCHANGED
        plan.actions.append(
            (
                number,
                action,
                [unit.code, p["name"] or unit.name, current_parent, unit.get_level_display()],
            )
        )

    def _order_new(self, ctx, parsed, known, new_codes, titles) -> list[str]:
        """New units, parents before children; a row whose parent cannot be placed (a
        cycle, or a parent row with errors) is an error."""
        errors = ctx.errors
        pending = set(new_codes)
        order: list[str] = []
        level_of = {code: u.level for code, u in known.items()}
        placed = set(known)
        progress = True
        while pending and progress:
            ready = [c for c in pending if parsed[c]["parent"] in placed]
            progress = bool(ready)
            for code in sorted(ready, key=lambda c: parsed[c]["row"]):
                p = parsed[code]
                pending.discard(code)
                parent_level = level_of[p["parent"]]
                if p["row"] in errors.rows:
                    continue
                if _LEVEL_ORDER.index(p["level"]) <= _LEVEL_ORDER.index(parent_level):
                    errors.add(
                        p["row"],
                        titles["level"],
                        str(Level(p["level"]).label),
                        _("Đơn vị trực thuộc phải ở cấp thấp hơn đơn vị cấp trên (%(level)s).")
                        % {"level": Level(parent_level).label},
                        _("Một cấp thấp hơn %(level)s") % {"level": Level(parent_level).label},
                    )
                    continue
                placed.add(code)
                level_of[code] = p["level"]
                order.append(code)
        for code in sorted(pending, key=lambda c: parsed[c]["row"]):
            p = parsed[code]
            if p["row"] in errors.rows:
                continue
            errors.add(
                p["row"],
                titles["parent"],
                p["parent"],
                _("Không xếp được đơn vị vào cây: đơn vị cấp trên có lỗi hoặc các dòng trỏ vòng."),
                _("Một đơn vị cấp trên hợp lệ"),
            )
        return order

    def apply(self, ctx: Context, plan: Plan) -> dict:
        parsed, known, order = plan.data["parsed"], plan.data["known"], plan.data["order"]
        builders: dict[str, object] = {}
        new_units: dict[str, OrgUnit] = {}
        children: dict[str, int] = {}
        for code in order:
            p = parsed[code]
            parent = known.get(p["parent"]) or new_units[p["parent"]]
            builder = builders.get(parent.code)
            if builder is None:
                builder = builders[parent.code] = (
                    _Children(parent) if parent.pk else _FreshChildren(parent)
                )
            unit = builder.build(
                code=code,
                name=p["name"],
                level=p["level"],
                organisation=p["organisation"],
                admin_code=p["admin_code"],
                **{f: p[f] if p[f] is not None else getattr(parent, f) for f in UNIT_FLAGS},
            )
            new_units[code] = unit
            children[parent.code] = children.get(parent.code, 0) + 1
        for unit in new_units.values():
            unit.numchild = children.get(unit.code, 0)
        OrgUnit.objects.bulk_create(list(new_units.values()), batch_size=1000)
        grown = []
        for code, count in children.items():
            if code in known:
                unit = known[code]
                unit.numchild += count
                grown.append(unit)
        OrgUnit.objects.bulk_update(grown, ["numchild"], batch_size=1000)
        updated = []
        fields = set()
        for p in parsed.values():
            changes = p.get("changes")
            if changes:
                unit = known[p["code"]]
                for name, value in changes.items():
                    setattr(unit, name, value)
                fields.update(changes)
                updated.append(unit)
        if updated:
            OrgUnit.objects.bulk_update(updated, sorted(fields), batch_size=1000)
        ids = list(OrgUnit.objects.filter(code__in=list(new_units)).values_list("id", flat=True))
        return {"_signal": {"unit_ids": ids + [u.pk for u in updated], "since": None}}

    def export_rows(self, actor, scope_unit, target_id):
        units = OrgUnit.objects.filter(path__startswith=scope_unit.path).order_by("path")
        codes = dict(
            OrgUnit.objects.filter(path__startswith=scope_unit.path[: -OrgUnit.steplen] or "")
            .filter(depth__gte=max(scope_unit.depth - 1, 1))
            .values_list("path", "code")
        )
        organisations = dict(Organisation.choices)
        levels = dict(Level.choices)
        yes, no = _("Có"), _("Không")
        for unit in units.iterator(chunk_size=2000):
            yield [
                unit.code,
                unit.name,
                _parent_code(unit, codes),
                str(organisations.get(unit.organisation, unit.organisation)),
                str(levels.get(unit.level, unit.level)),
                unit.admin_code,
                *[yes if getattr(unit, flag) else no for flag in UNIT_FLAGS],
            ]


class _FreshChildren:
    """Children of a unit created by the same file: numbered from the first."""

    def __init__(self, parent: OrgUnit):
        self.parent = parent
        self.next_index = 1

    def build(self, **fields) -> OrgUnit:
        unit = OrgUnit(
            path=_path(self.parent.path, self.next_index),
            depth=self.parent.depth + 1,
            numchild=0,
            **fields,
        )
        self.next_index += 1
        return unit


register(UnitImport())
