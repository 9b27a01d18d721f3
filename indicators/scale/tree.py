"""The unit tree of a national-scale dataset: the official tree (central unit, 34 provinces,
3,321 communes) when the dataset is large enough to hold it, a few communes per province
when it is not, then branches under every commune (Chi đoàn, Chi hội LHTN) and a Hội Sinh
viên subtree in the provinces, until the tree has about one unit per ten cadres."""

from dataclasses import dataclass

from django.db import connection
from vietnam_provinces import Province, Ward

from organizations.models import Level, Organisation, OrgUnit
from organizations.services import org_units_load_official
from organizations.services.units import CENTRAL_CODE, CENTRAL_NAME, province_code, ward_code

from .load import next_id, rows_load

STEP = OrgUnit.steplen
OFFICIAL_FROM = 5_000  # units wanted; below this a few communes per province stand in
UNIT_COLUMNS = (
    "id", "path", "depth", "numchild", "name", "code", "organisation", "level", "admin_code",
    "is_ethnic_minority_area", "is_mountain", "is_border", "is_island", "is_active",
)  # fmt: skip


@dataclass(frozen=True)
class Unit:
    id: int
    level: str
    organisation: str
    province: int  # index among the provinces, -1 for the central unit


@dataclass
class Tree:
    units: list[Unit]
    central: int
    provinces: list[int]
    created: int


class _Paths:
    """Hands out child paths after each parent's last existing child."""

    def __init__(self):
        self.next: dict[str, int] = {}
        for path in OrgUnit.objects.values_list("path", flat=True).iterator(chunk_size=20_000):
            parent, index = path[:-STEP], OrgUnit._str2int(path[-STEP:])
            if index >= self.next.get(parent, 1):
                self.next[parent] = index + 1

    def child(self, parent: str) -> str:
        index = self.next.get(parent, 1)
        self.next[parent] = index + 1
        path = OrgUnit._get_path(parent, len(parent) // STEP + 1, index)
        self.next[path] = 1
        return path


def _miniature(wanted: int, paths: _Paths, ids: "_Ids") -> list[tuple]:
    """The central unit, the 34 provinces and their first few communes, with the official
    codes and names (priority-area flags spread evenly, not the loader's list)."""
    per_province = max(1, int(wanted * 0.3) // 34)
    rows = []
    root = paths.child("")
    rows.append(_row(ids.take(), root, CENTRAL_NAME, CENTRAL_CODE, "doan", Level.CENTRAL))
    wards: dict[int, list] = {}
    for ward in Ward.iter_all():
        bucket = wards.setdefault(int(ward.province_code), [])
        if len(bucket) < per_province:
            bucket.append(ward)
    for n, province in enumerate(Province.iter_all()):
        path = paths.child(root)
        name = f"Tỉnh Đoàn {province.name}".replace("Tỉnh Đoàn Thành phố ", "Thành Đoàn ")
        flags = (n % 4 == 0, n % 3 == 0, n % 5 == 0, False)
        rows.append(
            _row(ids.take(), path, name, province_code(province), "doan", Level.PROVINCE, flags)
        )
        for ward in wards.get(int(province.code), []):
            name = "Đoàn " + ward.name[0].lower() + ward.name[1:]
            rows.append(
                _row(ids.take(), paths.child(path), name, ward_code(ward), "doan", Level.GRASSROOTS)
            )
    return rows


class _Ids:
    def __init__(self):
        self.value = next_id(OrgUnit)

    def take(self) -> int:
        self.value += 1
        return self.value - 1


def _row(pk, path, name, code, organisation, level, flags=(False,) * 4, active=True) -> tuple:
    return (pk, path, len(path) // STEP, 0, name, code, organisation, level, "", *flags, active)


def _branches(wanted: int, prefix: str, paths: _Paths, ids: _Ids, communes, provinces) -> list:
    """A Hội Sinh viên subtree in some provinces (about 5% of the new units) and branches
    under every commune, one in four a Chi hội LHTN, a few no longer active."""
    rows = []
    hsv_total = wanted * 5 // 100
    with_hsv = provinces[: min(len(provinces), max(1, hsv_total // 30))] if hsv_total else []
    schools = max(1, (hsv_total // max(1, len(with_hsv)) - 1) // 6)
    serial = 0

    def code(kind: str) -> str:
        nonlocal serial
        serial += 1
        return f"{prefix}-{kind}{serial:06d}"

    for p, (path, name) in enumerate(with_hsv):
        hsv = paths.child(path)
        short = name.removeprefix("Tỉnh Đoàn ").removeprefix("Thành Đoàn ")
        rows.append(
            _row(ids.take(), hsv, f"Hội Sinh viên {short}", code("SV"), "hoi_sv", Level.DISTRICT)
        )
        for s in range(1, schools + 1):
            school = paths.child(hsv)
            label = f"Hội Sinh viên Trường Cao đẳng số {s} ({short})"
            rows.append(_row(ids.take(), school, label, code("SV"), "hoi_sv", Level.GRASSROOTS))
            for b in range(1, 6):
                rows.append(
                    _row(
                        ids.take(),
                        paths.child(school),
                        f"Chi hội sinh viên lớp {s}.{b}",
                        code("SV"),
                        "hoi_sv",
                        Level.BRANCH,
                        active=(p + s + b) % 97 != 0,
                    )
                )
    left = max(0, wanted - len(rows))
    for n, commune_path in enumerate(communes):
        count = left // len(communes) + (1 if n < left % len(communes) else 0)
        for b in range(1, count + 1):
            lhtn = b % 4 == 0
            rows.append(
                _row(
                    ids.take(),
                    paths.child(commune_path),
                    f"Chi hội LHTN thôn {b}" if lhtn else f"Chi đoàn thôn {b}",
                    code("CH" if lhtn else "CD"),
                    Organisation.HOI_LHTN if lhtn else Organisation.DOAN,
                    Level.BRANCH,
                    (n % 11 == 0 and b % 3 == 0, False, False, False),
                    active=(n + b) % 101 != 0,
                )
            )
    return rows


def _recount_children() -> None:
    """treebeard's numchild from the paths, in one statement."""
    table = OrgUnit._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""UPDATE {table} SET numchild = c.n
                FROM (SELECT substr(path, 1, length(path) - {STEP}) AS parent, COUNT(*) AS n
                      FROM {table} WHERE depth > 1 GROUP BY 1) c
                WHERE {table}.path = c.parent AND {table}.numchild <> c.n"""  # noqa: S608
        )


def tree_build(*, wanted: int, prefix: str) -> Tree:
    """About `wanted` units in all; reuses the official tree when it is there."""
    created = 0
    if not OrgUnit.objects.filter(code=CENTRAL_CODE).exists() and wanted >= OFFICIAL_FROM:
        created += org_units_load_official().created
    paths, ids = _Paths(), _Ids()
    if not OrgUnit.objects.filter(code=CENTRAL_CODE).exists():
        rows = _miniature(wanted, paths, ids)
        created += rows_load(OrgUnit, UNIT_COLUMNS, rows)
    central = OrgUnit.objects.get(code=CENTRAL_CODE)
    provinces = list(
        OrgUnit.objects.filter(
            path__startswith=central.path, depth=central.depth + 1, level=Level.PROVINCE
        )
        .order_by("path")
        .values_list("path", "name")
    )
    communes = list(
        OrgUnit.objects.filter(
            path__startswith=central.path,
            depth=central.depth + 2,
            level=Level.GRASSROOTS,
            organisation=Organisation.DOAN,
        )
        .order_by("path")
        .values_list("path", flat=True)
    )
    more = wanted - OrgUnit.objects.filter(path__startswith=central.path).count()
    if more > 0:
        rows = _branches(more, prefix, paths, ids, communes, provinces)
        created += rows_load(OrgUnit, UNIT_COLUMNS, rows)
    _recount_children()
    province_of = {path: n for n, (path, _name) in enumerate(provinces)}
    units = [
        Unit(pk, level, org, province_of.get(path[: central.depth * STEP + STEP], -1))
        for pk, path, level, org in OrgUnit.objects.filter(path__startswith=central.path)
        .order_by("path")
        .values_list("id", "path", "level", "organisation")
        .iterator(chunk_size=20_000)
    ]
    province_ids = [u.id for u in units if u.level == Level.PROVINCE and u.province >= 0]
    return Tree(units=units, central=central.pk, provinces=province_ids, created=created)
