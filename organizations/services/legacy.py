"""Mapping the pre-2025 provinces, districts and communes to the units of today's tree.

The data comes from the `vietnamadminunits` package (its SQLite dataset and its 2025
conversion table), read as files: importing the package itself would load shapely and
numpy for an address parser we do not use. See docs/decisions/0014-legacy-units.md.
"""

import importlib.metadata
import importlib.util
import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from vietnam_provinces import Ward

from ..models import LegacyLevel, LegacyUnit, Level, OrgUnit
from ..text import fold, nfc

PACKAGE = "vietnamadminunits"
_FIELDS = ("name", "district_name", "province_name", "unit_id", "divided", "source")


class LegacyDataMissing(RuntimeError):
    """The conversion data is not installed where we look for it."""


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int
    unresolved: int
    total: int


@dataclass(frozen=True)
class LegacyEntry:
    """One old unit and today's official codes it maps to (ward code None above ward level)."""

    level: str
    code: str
    name: str
    district_name: str
    province_name: str
    province_code: int | None
    ward_code: int | None
    divided: bool


def package_data_dir() -> Path:
    """The package's `data` folder, found without importing the package."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise LegacyDataMissing(
            _("Chưa cài gói %(package)s: không có dữ liệu chuyển đổi đơn vị hành chính.")
            % {"package": PACKAGE}
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def default_source() -> str:
    try:
        return f"{PACKAGE} {importlib.metadata.version(PACKAGE)}"
    except importlib.metadata.PackageNotFoundError:
        return PACKAGE


def _name_key(name: str) -> str:
    """Letters and digits only: "Cư M'gar" and "Cư M’gar", "A - B" and "A – B" agree."""
    return "".join(ch for ch in fold(name) if ch.isalnum())


def _official_ward_index() -> tuple[dict, dict]:
    """Today's wards as our tree knows them (vietnam-provinces), by province and name.

    The two packages agree on names but number about 130 merged wards differently, so a
    new ward is matched to our unit by name within its province, never by its code alone.
    """
    exact: dict[tuple[int, str], list[int]] = defaultdict(list)
    folded: dict[tuple[int, str], list[int]] = defaultdict(list)
    for ward in Ward.iter_all():
        province, code = int(ward.province_code), int(ward.code)
        exact[(province, nfc(ward.name))].append(code)
        folded[(province, _name_key(ward.name))].append(code)
    return exact, folded


def _match_ward(index: tuple[dict, dict], province: int, name: str, code: int) -> int | None:
    exact, folded = index
    for candidates in (
        exact.get((province, nfc(name)), []),
        folded.get((province, _name_key(name))),
    ):
        if not candidates:
            continue
        if len(candidates) == 1:
            return candidates[0]
        if code in candidates:
            return code
    return None


@lru_cache(maxsize=4)
def legacy_entries(data_dir: Path) -> tuple[LegacyEntry, ...]:
    """Every old province, district and ward with the official codes it maps to today.

    An old ward split among several new ones maps to the package's default new ward and is
    marked divided. A district maps to the province holding its wards, or, when they went
    to several provinces, to the one holding most and is marked divided. An old province
    maps to the province it merged into.
    """
    try:
        connection = sqlite3.connect(f"{(data_dir / 'dataset.db').as_uri()}?mode=ro", uri=True)
        conversion = json.loads((data_dir / "converter_2025.json").read_text(encoding="utf-8"))
    except (OSError, sqlite3.Error, ValueError) as exc:
        raise LegacyDataMissing(
            _("Không đọc được dữ liệu chuyển đổi đơn vị hành chính: %(error)s") % {"error": exc}
        ) from exc
    with connection:
        new_rows = connection.execute(
            "SELECT provinceKey, wardKey, provinceCode, wardCode, ward FROM admin_units"
        ).fetchall()
        old_rows = connection.execute(
            "SELECT provinceKey, districtKey, wardKey, provinceCode, districtCode, wardCode,"
            " province, district, ward FROM admin_units_legacy"
            " ORDER BY provinceCode, districtCode, wardCode"
        ).fetchall()
    connection.close()

    index = _official_ward_index()
    new_province = {pkey: int(pcode) for pkey, _w, pcode, _c, _n in new_rows}
    new_ward = {
        (pkey, wkey): (int(pcode), _match_ward(index, int(pcode), name, int(wcode)))
        for pkey, wkey, pcode, wcode, name in new_rows
    }
    # old "province_district_ward" key -> (new province code, new ward code, divided)
    target: dict[str, tuple[int, int | None, bool]] = {}
    for pkey, wards in conversion["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for wkey, old_keys in wards.items():
            for old_key in old_keys:
                target[old_key] = (*new_ward[(pkey, wkey)], False)
    for pkey, old_keys in conversion["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in old_keys.items():
            default = next(p for p in parts if p["isDefaultNewWard"])
            target[old_key] = (*new_ward[(pkey, default["newWardKey"])], True)
    province_of_old = {
        old: new_province[new] for new, olds in conversion["DICT_PROVINCE"].items() for old in olds
    }

    entries: list[LegacyEntry] = []
    provinces: dict[str, tuple[str, str]] = {}
    districts: dict[str, tuple[str, str, str, Counter]] = {}
    for pkey, dkey, wkey, pcode, dcode, wcode, pname, dname, wname in old_rows:
        provinces.setdefault(pcode, (pkey, pname))
        province_count = districts.setdefault(dcode, (dname, pname, pkey, Counter()))[3]
        new = target.get(f"{pkey}_{dkey}_{wkey or ''}")
        if new is not None:
            province_count[new[0]] += 1
        if wcode is None:  # an island district without communes
            continue
        entries.append(
            LegacyEntry(
                level=LegacyLevel.WARD,
                code=wcode,
                name=wname,
                district_name=dname,
                province_name=pname,
                province_code=new[0] if new else None,
                ward_code=new[1] if new else None,
                divided=new[2] if new else False,
            )
        )
    for dcode, (dname, pname, _pkey, counts) in districts.items():
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        entries.append(
            LegacyEntry(
                level=LegacyLevel.DISTRICT,
                code=dcode,
                name=dname,
                district_name="",
                province_name=pname,
                province_code=ranked[0][0] if ranked else None,
                ward_code=None,
                divided=len(ranked) > 1,
            )
        )
    for pcode, (pkey, pname) in provinces.items():
        entries.append(
            LegacyEntry(
                level=LegacyLevel.PROVINCE,
                code=pcode,
                name=pname,
                district_name="",
                province_name=pname,
                province_code=province_of_old.get(pkey),
                ward_code=None,
                divided=False,
            )
        )
    return tuple(entries)


def _unit_ids(entries) -> tuple[dict[int, int], dict[int, int]]:
    """Our province and commune units by official code: their unit code, else admin_code."""
    province_codes = {e.province_code for e in entries if e.province_code is not None}
    ward_codes = {e.ward_code for e in entries if e.ward_code is not None}
    provinces: dict[int, int] = {}
    wards: dict[int, int] = {}
    for found, level, codes in (
        (provinces, Level.PROVINCE, province_codes),
        (wards, Level.GRASSROOTS, ward_codes),
    ):
        for pk, admin_code in OrgUnit.objects.filter(
            level=level, admin_code__in=[str(c) for c in codes]
        ).values_list("pk", "admin_code"):
            found.setdefault(int(admin_code), pk)
    by_code = dict(
        OrgUnit.objects.filter(
            code__in=[f"T{c:02d}" for c in province_codes] + [f"X{c:05d}" for c in ward_codes]
        ).values_list("code", "pk")
    )
    for code, pk in by_code.items():
        (provinces if code[0] == "T" else wards)[int(code[1:])] = pk
    return provinces, wards


@transaction.atomic
def legacy_units_load(*, source: str | None = None, data_dir: Path | None = None) -> LoadResult:
    """Write the old → new mapping into `LegacyUnit`, keyed by (level, old code).

    A second run changes nothing; a run after more of today's units exist fills the links
    that can now be resolved. An old unit whose new unit is not in our tree keeps no link.
    """
    source = source or default_source()
    entries = legacy_entries(data_dir or package_data_dir())
    provinces, wards = _unit_ids(entries)
    existing = {(u.level, u.code): u for u in LegacyUnit.objects.all()}
    now = timezone.now()
    new, changed = [], []
    unchanged = unresolved = 0
    for entry in entries:
        if entry.level == LegacyLevel.WARD:
            unit_id = wards.get(entry.ward_code) if entry.ward_code is not None else None
        else:
            unit_id = provinces.get(entry.province_code) if entry.province_code else None
        unresolved += unit_id is None
        wanted = {
            "name": entry.name,
            "district_name": entry.district_name,
            "province_name": entry.province_name,
            "unit_id": unit_id,
            "divided": entry.divided,
            "source": source,
        }
        row = existing.get((entry.level, entry.code))
        if row is None:
            new.append(
                LegacyUnit(
                    level=entry.level,
                    code=entry.code,
                    search_name=LegacyUnit.search_key(
                        entry.name, entry.district_name, entry.province_name
                    ),
                    updated_at=now,
                    **wanted,
                )
            )
        elif any(getattr(row, field) != value for field, value in wanted.items()):
            for field, value in wanted.items():
                setattr(row, field, value)
            row.search_name = LegacyUnit.search_key(row.name, row.district_name, row.province_name)
            row.updated_at = now
            changed.append(row)
        else:
            unchanged += 1
    LegacyUnit.objects.bulk_create(new, batch_size=1000)
    LegacyUnit.objects.bulk_update(
        changed, [*_FIELDS, "search_name", "updated_at"], batch_size=1000
    )
    return LoadResult(
        created=len(new),
        updated=len(changed),
        unchanged=unchanged,
        unresolved=unresolved,
        total=len(entries),
    )
