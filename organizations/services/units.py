"""Loading today's Đoàn unit tree from the official list of administrative divisions."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from vietnam_provinces import Province, VietNamDivisionType, Ward

from ..models import Level, Organisation, OrgUnit
from ..permissions import Action, require
from .validation import Errors, check_choice, check_name

CENTRAL_CODE = "TW"
CENTRAL_NAME = "Trung ương Đoàn TNCS Hồ Chí Minh"

# Province-level priority-area flags: a curated starting point (see
# docs/decisions/0004-unit-tree.md). Organizers correct them per unit; the loader never
# overwrites a flag on a unit that already exists.
_MOUNTAIN_ETHNIC = {
    "cao_bang", "tuyen_quang", "dien_bien", "lai_chau", "son_la", "lao_cai", "lang_son",
    "gia_lai", "dak_lak", "lam_dong",
}  # fmt: skip
_MOUNTAIN = _MOUNTAIN_ETHNIC | {"thai_nguyen"}
_BORDER = {
    "cao_bang", "tuyen_quang", "dien_bien", "lai_chau", "son_la", "lao_cai", "lang_son",
    "quang_ninh", "thanh_hoa", "nghe_an", "ha_tinh", "quang_tri", "hue", "da_nang",
    "quang_ngai", "gia_lai", "dak_lak", "lam_dong", "dong_nai", "tay_ninh", "dong_thap",
    "an_giang",
}  # fmt: skip


@dataclass(frozen=True)
class LoadResult:
    created: int
    renamed: int
    total: int


def province_code(province: Province) -> str:
    return f"T{int(province.code):02d}"


def ward_code(ward: Ward) -> str:
    return f"X{int(ward.code):05d}"


def _province_name(province: Province) -> str:
    if province.division_type == VietNamDivisionType.THANH_PHO_TRUNG_UONG:
        return "Thành Đoàn " + province.name.removeprefix("Thành phố ")
    return f"Tỉnh Đoàn {province.name}"


def _ward_name(ward: Ward) -> str:
    return "Đoàn " + ward.name[0].lower() + ward.name[1:]


def _path(parent_path: str, index: int) -> str:
    return OrgUnit._get_path(parent_path, len(parent_path) // OrgUnit.steplen + 1, index)


class _Children:
    """Appends children under one parent with paths after its existing last child."""

    def __init__(self, parent: OrgUnit):
        self.parent = parent
        last = (
            OrgUnit.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        self.next_index = (OrgUnit._str2int(last[-OrgUnit.steplen :]) + 1) if last else 1

    def build(self, **fields) -> OrgUnit:
        unit = OrgUnit(
            path=_path(self.parent.path, self.next_index),
            depth=self.parent.depth + 1,
            numchild=0,
            **fields,
        )
        self.next_index += 1
        return unit


@transaction.atomic
def org_units_load_official() -> LoadResult:
    """Create the central unit, the 34 provincial and 3,321 commune-level Đoàn units.

    Keyed by unit code, so a second run creates nothing; a unit whose official name has
    changed is renamed, and nothing else about an existing unit is touched.
    """
    existing = {u.code: u for u in OrgUnit.objects.all()}
    created = renamed = 0

    central = existing.get(CENTRAL_CODE)
    if central is None:
        central = OrgUnit.add_root(
            code=CENTRAL_CODE,
            name=CENTRAL_NAME,
            level=Level.CENTRAL,
            organisation=Organisation.DOAN,
        )
        existing[CENTRAL_CODE] = central
        created += 1

    def rename_if_changed(unit: OrgUnit, name: str) -> None:
        nonlocal renamed
        if unit.name != name:
            unit.name = name
            unit.save(update_fields=["name"])
            renamed += 1

    province_units: dict[int, OrgUnit] = {}
    new_provinces = []
    central_children = _Children(central)
    for province in Province.iter_all():
        code, name = province_code(province), _province_name(province)
        if code in existing:
            rename_if_changed(existing[code], name)
            province_units[int(province.code)] = existing[code]
            continue
        unit = central_children.build(
            code=code,
            name=name,
            level=Level.PROVINCE,
            organisation=Organisation.DOAN,
            admin_code=str(int(province.code)),
            is_ethnic_minority_area=province.codename in _MOUNTAIN_ETHNIC,
            is_mountain=province.codename in _MOUNTAIN,
            is_border=province.codename in _BORDER,
        )
        new_provinces.append(unit)
        province_units[int(province.code)] = unit
    OrgUnit.objects.bulk_create(new_provinces)
    created += len(new_provinces)

    new_wards = []
    builders: dict[int, _Children] = {}
    for ward in Ward.iter_all():
        code, name = ward_code(ward), _ward_name(ward)
        if code in existing:
            rename_if_changed(existing[code], name)
            continue
        pcode = int(ward.province_code)
        if pcode not in builders:
            builders[pcode] = _Children(province_units[pcode])
        new_wards.append(
            builders[pcode].build(
                code=code,
                name=name,
                level=Level.GRASSROOTS,
                organisation=Organisation.DOAN,
                admin_code=str(int(ward.code)),
                is_island=ward.division_type == VietNamDivisionType.DAC_KHU,
            )
        )
    OrgUnit.objects.bulk_create(new_wards, batch_size=1000)
    created += len(new_wards)

    if new_provinces or new_wards:
        _recount_children()
    return LoadResult(created=created, renamed=renamed, total=OrgUnit.objects.count())


def _recount_children() -> None:
    """Set treebeard's `numchild` from the paths themselves after a bulk insert."""
    counts: dict[str, int] = {}
    for unit in OrgUnit.objects.filter(depth__gt=1).only("path", "depth").iterator():
        parent = unit.path[: -OrgUnit.steplen]
        counts[parent] = counts.get(parent, 0) + 1
    changed = []
    for unit in OrgUnit.objects.only("path", "numchild"):
        wanted = counts.get(unit.path, 0)
        if unit.numchild != wanted:
            unit.numchild = wanted
            changed.append(unit)
    OrgUnit.objects.bulk_update(changed, ["numchild"], batch_size=1000)


_LEVEL_ORDER = [Level.CENTRAL, Level.PROVINCE, Level.DISTRICT, Level.GRASSROOTS, Level.BRANCH]
UNIT_FLAGS = ("is_ethnic_minority_area", "is_mountain", "is_border", "is_island")


def org_unit_create(
    *,
    actor,
    parent: OrgUnit,
    code: str,
    name: str,
    level: str,
    organisation: str = "",
    **flags: bool,
) -> OrgUnit:
    """Add a unit under `parent` (a school, an agency, a branch…) inside the actor's subtree.

    Creating the same code again returns the existing unit if it has the same parent.
    """
    require(actor, Action.MANAGE_CADRES, parent)
    errors = Errors()
    code = (code or "").strip().upper()
    name = check_name(errors, "name", name, _("Tên đơn vị"))
    level = check_choice(errors, "level", level, Level, _("Cấp"))
    organisation = check_choice(
        errors, "organisation", organisation or parent.organisation, Organisation, _("Tổ chức")
    )
    if not code or len(code) > 32 or not all(ch.isalnum() or ch == "-" for ch in code):
        errors.add("code", _("Mã đơn vị gồm chữ cái không dấu, chữ số hoặc “-”, tối đa 32 ký tự."))
    elif level in Level.values and _LEVEL_ORDER.index(level) <= _LEVEL_ORDER.index(parent.level):
        errors.add(
            "level",
            _("Đơn vị trực thuộc phải ở cấp thấp hơn %(parent)s.")
            % {"parent": parent.get_level_display()},
        )
    existing = OrgUnit.objects.filter(code=code).first() if code else None
    if existing is not None:
        if existing.path[: -OrgUnit.steplen] == parent.path and existing.name == name:
            return existing
        errors.add("code", _("Mã đơn vị %(code)s đã được dùng.") % {"code": code})
    errors.raise_if_any()
    with transaction.atomic():
        parent = OrgUnit.objects.select_for_update().get(pk=parent.pk)
        return parent.add_child(
            code=code,
            name=name,
            level=level,
            organisation=organisation,
            **{flag: bool(flags.get(flag, getattr(parent, flag))) for flag in UNIT_FLAGS},
        )


def org_unit_update(*, actor, unit: OrgUnit, name: str | None = None, **flags: bool) -> OrgUnit:
    """Rename a unit or correct its priority-area flags; the code and place stay fixed."""
    require(actor, Action.MANAGE_CADRES, unit)
    unknown = set(flags) - {*UNIT_FLAGS, "is_active"}
    if unknown:
        raise TypeError(f"org_unit_update got unexpected fields: {sorted(unknown)}")
    errors = Errors()
    if name is not None:
        name = check_name(errors, "name", name, _("Tên đơn vị"))
    errors.raise_if_any()
    changed = []
    if name is not None and name != unit.name:
        unit.name = name
        changed.append("name")
    for flag, value in flags.items():
        if getattr(unit, flag) != bool(value):
            setattr(unit, flag, bool(value))
            changed.append(flag)
    if changed:
        unit.save(update_fields=changed)
    return unit
