"""Benchmark: the organizer's cadre list and search on a realistic tree.

Builds the official unit tree and N cadres spread over all communes in a scratch
database (a temporary SQLite file by default, or the empty PostgreSQL database named by
DATABASE_URL), then times
  * loading the official unit tree (3,356 units) — baseline: reading the division list;
  * an organizer's first page of cadres in one province, with the total count, and a
    diacritic-free name search — baseline: one plain count(*) over the cadre table.
The last line printed is a JSON object with every figure.

    python bench/org_scope.py [--cadres 100000]
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def best_of(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cadres", type=int, default=100_000)
    args = parser.parse_args()

    scratch = None
    if not os.environ.get("DATABASE_URL"):
        fd, scratch = tempfile.mkstemp(suffix=".sqlite3")
        os.close(fd)
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)

    from vietnam_provinces import Ward

    from organizations import selectors
    from organizations.models import Cadre, OrgUnit, Post, PostKind, Role, RoleAssignment, User
    from organizations.services import org_units_load_official
    from organizations.text import fold

    start = time.perf_counter()
    list(Ward.iter_all())
    read_divisions_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    org_units_load_official()
    load_tree_ms = (time.perf_counter() - start) * 1000

    communes = list(OrgUnit.objects.filter(level="grassroots").values_list("pk", flat=True))
    given = ["Hoa", "Nam", "Lan", "Khang", "Mai", "Đức", "Tuyết", "Hùng", "Thảo", "Bình"]
    family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đinh", "Lò", "Giàng", "Bùi"]
    batch_cadres = []
    for i in range(args.cadres):
        name = f"{family[i % 10]} {'Thị' if i % 2 else 'Văn'} {given[(i // 10) % 10]} {i}"
        batch_cadres.append(
            Cadre(
                code=f"B{i:07d}",
                full_name=name,
                search_name=fold(name),
                gender="female" if i % 2 else "male",
                unit_id=communes[i % len(communes)],
            )
        )
    Cadre.objects.bulk_create(batch_cadres, batch_size=5000)
    ids = dict(Cadre.objects.values_list("code", "pk"))
    Post.objects.bulk_create(
        [
            Post(
                cadre_id=ids[c.code],
                unit_id=c.unit_id,
                organisation="doan",
                title="Bí thư",
                kind=PostKind.DEDICATED if i % 3 == 0 else PostKind.PART_TIME,
                in_charge_of_volunteer_work=i % 4 == 0,
            )
            for i, c in enumerate(batch_cadres)
        ],
        batch_size=5000,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    province = OrgUnit.objects.get(code="T68")
    organizer = User.objects.create_user(email="bench@example.vn")
    RoleAssignment.objects.create(user=organizer, role=Role.ORGANIZER, unit=province)

    def first_page():
        qs = selectors.cadres_for_user(organizer, unit=province)
        return qs.count(), list(qs[:25])

    def search():
        qs = selectors.cadres_for_user(organizer, unit=province, query="thi hoa")
        return qs.count(), list(qs[:25])

    def overview():
        return selectors.unit_cadre_counts(province)

    def baseline():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM organizations_cadre")
            return cursor.fetchone()

    result = {
        "database": connection.vendor,
        "cadres": args.cadres,
        "units": OrgUnit.objects.count(),
        "load_tree_ms": round(load_tree_ms, 1),
        "baseline_read_divisions_ms": round(read_divisions_ms, 1),
        "organizer_first_page_ms": round(best_of(first_page), 2),
        "organizer_search_ms": round(best_of(search), 2),
        "viewer_overview_ms": round(best_of(overview), 2),
        "baseline_count_all_cadres_ms": round(best_of(baseline), 2),
    }
    if scratch:
        os.unlink(scratch)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
