"""Benchmark: importing a 100,000-row cadre list, against merely reading the file.

In a scratch database (a temporary SQLite file, or the PostgreSQL database DATABASE_URL
names, created and dropped; see bench/certificates_register.py) it builds a small tree (a
province and `--communes` communes) and an organizer, writes a `--rows`-row cadre XLSX with
openpyxl's write-only mode, then times:
  (a) reading every row with openpyxl read-only (iterating the values), the floor;
  (b) the import through the services: upload, check, confirm and the one-transaction
      write (all rows created);
  (c) the same file again (every row found and unchanged).
The last line is one JSON object with the figures and the ratio of (b) to (a); the target
is an import at most three times the read.

    python bench/import_cadres.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_import python bench/import_cadres.py
"""

import argparse
import io
import json
import logging
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from certificates_register import FAMILY, GIVEN, MIDDLE, scratch_database  # noqa: E402


def build_xlsx(rows: int, communes: list[str]) -> bytes:
    from openpyxl import Workbook

    from organizations import imports

    rng = random.Random(rows)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách cán bộ")
    sheet.append(imports.template_headers("cadres"))
    for n in range(rows):
        sheet.append(
            [
                "",
                f"{n:012d}",
                f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
                rng.choice(["Nam", "Nữ"]),
                rng.choice(["Kinh", "Tày", "Cơ-ho", "H'Mông"]),
                f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1975, 2004)}",
                f"canbo{n}@example.vn",
                f"09{n:08d}",
                rng.choice(communes),
                "Đoàn TNCS Hồ Chí Minh",
                rng.choice(["Bí thư", "Phó Bí thư", "Uỷ viên BCH"]),
                rng.choice(["Chuyên trách", "Kiêm nhiệm"]),
                rng.choice(["Có", "Không"]),
                "01/01/2025",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_all(data: bytes) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True)
    count = sum(1 for _row in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--communes", type=int, default=60)
    args = parser.parse_args()

    cleanup = scratch_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    try:
        print(json.dumps(measure(args)), flush=True)
    finally:
        cleanup()


def measure(args) -> dict:
    import django

    django.setup()
    logging.disable(logging.WARNING)
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from organizations import imports
    from organizations.models import (
        Cadre,
        Level,
        Organisation,
        OrgUnit,
        Post,
        Role,
        RoleAssignment,
        User,
    )

    call_command("migrate", verbosity=0)
    settings.IMPORT_MAX_BYTES = 200 * 1024 * 1024
    settings.IMPORT_MAX_ROWS = max(settings.IMPORT_MAX_ROWS, args.rows)
    central = OrgUnit.add_root(
        code="TW", name="Trung ương", level=Level.CENTRAL, organisation=Organisation.DOAN
    )
    province = central.add_child(
        code="T68", name="Tỉnh Đoàn Lâm Đồng", level=Level.PROVINCE, organisation="doan"
    )
    communes = []
    for n in range(args.communes):
        province.refresh_from_db()
        communes.append(
            province.add_child(
                code=f"X{24000 + n}", name=f"Đoàn xã {n}", level=Level.GRASSROOTS
            ).code
        )
    organizer = User.objects.create_user(email="bench-import@example.vn")
    RoleAssignment.objects.create(user=organizer, role=Role.ORGANIZER, unit=province)

    start = time.perf_counter()
    data = build_xlsx(args.rows, communes)
    build_s = time.perf_counter() - start
    print(f"built {args.rows} rows, {len(data) / 1e6:.1f} MB in {build_s:.1f} s", flush=True)

    start = time.perf_counter()
    assert read_all(data) == args.rows + 1
    read_s = time.perf_counter() - start
    print(f"(a) read: {read_s:.2f} s", flush=True)

    def run(name: str) -> tuple[float, dict]:
        upload = SimpleUploadedFile(name, data)
        began = time.perf_counter()
        job = imports.import_job_create(
            actor=organizer, kind="cadres", scope_unit=province, upload=upload
        )
        job.refresh_from_db()
        checked = time.perf_counter() - began
        assert job.status == "ready", (job.status, job.errors[:3])
        imports.import_job_confirm(actor=organizer, job=job)
        job.refresh_from_db()
        assert job.status == "done", (job.status, job.errors[:3])
        total = time.perf_counter() - began
        print(f"{name}: check {checked:.2f} s, total {total:.2f} s, {job.summary}", flush=True)
        return total, job.summary

    import_s, first = run("can-bo.xlsx")
    assert Cadre.objects.count() == args.rows and Post.objects.count() == args.rows
    reimport_s, second = run("can-bo-lan-2.xlsx")
    assert second["unchanged"] == args.rows and Cadre.objects.count() == args.rows
    from django.db import connection

    return {
        "rows": args.rows,
        "database": connection.vendor,
        "file_mb": round(len(data) / 1e6, 1),
        "read_s": round(read_s, 2),
        "import_s": round(import_s, 2),
        "reimport_s": round(reimport_s, 2),
        "ratio_import_to_read": round(import_s / read_s, 2),
        "ratio_reimport_to_read": round(reimport_s / read_s, 2),
    }


if __name__ == "__main__":
    main()
