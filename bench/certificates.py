"""Benchmark: certificate PDFs, stamped from a master versus typeset one by one.

Phase A (engine, no database): a realistic template (decorated background JPEG, seal and
signature PNGs, the shipped fonts) is compiled once into a master; then, in the same run,
  * naive — each certificate typeset in full by WeasyPrint from one HTML page (the same
    template, fonts and images, the certificate's text and QR code in the HTML), one
    `weasyprint.HTML(...).write_pdf()` per certificate, PDF/A like ours, for a sample;
  * project — `Stamper.render` for N distinct certificates (names, serials, codes, QR);
  * one class PDF of the N certificates (`render_many`);
  * memory — the resident set size before and after 5,000 more renders, after a warm-up.
Phase B (the register, skipped with `--engine-only`) builds, untimed, a unit tree fragment,
a ToT course, a class of N cadres all marked completed and a nationwide class template with
the same images, in a scratch database (a temporary SQLite file by default; with
DATABASE_URL naming PostgreSQL, that database — created for the run and dropped after it
when it does not exist yet, else it must be empty), and compiles the template's master
(master compilation is not timed). It then times `certificates_issue_for_class` end to end
with Celery eager, as an organizer's bulk issuance runs: the register rows, every
certificate's PDF written to the private storage (a temporary directory) and the class's
printable PDF.
One process, one thread: rates are per second of the process's CPU time (per core), with
wall-clock rates beside them; on PostgreSQL the database server's CPU for the bench's
connection is reported too when it runs on this machine. The last line printed is a JSON
object with every figure.

    python bench/certificates.py [--count 1000] [--naive 30] [--memory 5000] [--engine-only]
"""

import argparse
import datetime
import gc
import importlib
import json
import logging
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Lò"]
MIDDLE = ["Thị", "Văn", "Hữu", "Ngọc", "Minh", "Thanh", "Đức", "Thu", "Quốc", "Bảo"]
GIVEN = ["Ánh Tuyết", "Hùng", "Lan", "Khang", "Mai", "Thảo", "Bình", "Nguyệt", "Dũng", "Yến"]
PROVINCES = ["Lâm Đồng", "Hà Nội", "Điện Biên", "Cà Mau", "Đắk Lắk", "Thừa Thiên Huế"]
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def faces(count: int, seed: int = 2026):
    """`count` distinct, realistic certificate faces (names, serials, codes all differ)."""
    from tests.certificates.pdf_helpers import face

    rng = random.Random(seed)
    result = []
    for number in range(1, count + 1):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        code = "".join(rng.choice(ALPHABET) for _ in range(16))
        shown = "-".join(code[i : i + 4] for i in range(0, 16, 4))
        province = rng.choice(PROVINCES)
        result.append(
            face(
                number,
                holder_name=name,
                serial=f"Số: {number}/GCN-TĐ",
                code=shown,
                verify_url=f"https://suctre.vn/verify/{code}/",
                place_date=f"{province}, ngày {rng.randint(1, 28)} tháng 11 năm 2026",
            )
        )
    return result


def rss_mb() -> float:
    """Resident set size of this process now (VmRSS), in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def timed(fn) -> tuple[float, float, object]:
    """Wall-clock and CPU seconds of one call, and its result."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def engine_phase(design, count: int, naive_count: int, memory_count: int) -> dict:
    from certificates.pdf import (
        Stamper,
        certificate_html,
        html_pdf,
        master_compile,
        prepared,
    )

    master_s, _, master = timed(lambda: master_compile(design))
    stamper = Stamper.from_master(master)
    sample = faces(max(count, naive_count))

    # Naive: the whole certificate through WeasyPrint, once per certificate.
    naive_design = prepared(design)
    html_pdf(certificate_html(naive_design, sample[0]))  # warm-up: fonts, caches
    naive_sizes = []

    def naive():
        for face in sample[:naive_count]:
            naive_sizes.append(len(html_pdf(certificate_html(naive_design, face))))

    naive_s, naive_cpu, _ = timed(naive)

    # Project: stamped from the master.
    for face in sample[:20]:
        stamper.render(face)
    sizes = []

    def stamp():
        for face in sample[:count]:
            sizes.append(len(stamper.render(face)))

    project_s, project_cpu, _ = timed(stamp)
    class_s, _, class_pdf = timed(lambda: stamper.render_many(sample[:count]))

    # Memory over many renders, after the warm-up above.
    gc.collect()
    rss_before = rss_mb()
    more = faces(memory_count, seed=7)
    for face in more:
        stamper.render(face)
    del more
    gc.collect()
    rss_after = rss_mb()

    # Per CPU core: certificates per second of this process's CPU time (one thread), so
    # other work on the machine does not skew the figures; wall-clock rates alongside.
    naive_per_s = naive_count / naive_cpu
    project_per_s = count / project_cpu
    return {
        "naive_per_s": round(naive_per_s, 1),
        "project_per_s": round(project_per_s, 1),
        "ratio": round(project_per_s / naive_per_s, 1),
        "mean_pdf_bytes": round(statistics.mean(sizes)),
        "rss_growth_mb": round(rss_after - rss_before, 1),
        "cores": 1,
        "cpu_count": os.cpu_count(),
        "count": count,
        "naive_count": naive_count,
        "naive_wall_per_s": round(naive_count / naive_s, 1),
        "project_wall_per_s": round(count / project_s, 1),
        "max_pdf_bytes": max(sizes),
        "naive_mean_pdf_bytes": round(statistics.mean(naive_sizes)),
        "master_compile_s": round(master_s, 2),
        "master_bytes": len(master),
        "class_pdf_s": round(class_s, 2),
        "class_pdf_bytes": len(class_pdf),
        "memory_renders": memory_count,
        "rss_mb": round(rss_after, 1),
    }


CLASS_BODY = (
    "Chứng nhận đồng chí {ho_ten}, sinh ngày {ngay_sinh}, đơn vị {don_vi_cong_tac}, đã hoàn "
    "thành lớp “{noi_dung}” từ ngày {tu_ngay} đến ngày {den_ngay}. Kết quả: {ket_qua}."
)


def scratch_database():
    """Point DATABASE_URL at a throwaway database before Django starts; returns the
    clean-up to call at the end."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        fd, path = tempfile.mkstemp(suffix=".sqlite3")
        os.close(fd)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
        return lambda: os.unlink(path)
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("DATABASE_URL: PostgreSQL only (or none, for a scratch SQLite file).")
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    admin = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            with psycopg.connect(url) as named:
                tables = named.execute(
                    "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                ).fetchone()[0]
            if tables:
                raise SystemExit(f"Database {name} is not empty; name a new one.")
            return lambda: None
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return drop


def scratch_storage() -> str:
    """Files on disk as in production (the test settings keep them in memory): set before
    the models load, since file fields take their storage then."""
    from django.conf import settings

    root = tempfile.mkdtemp(prefix="bench-certificates-")
    storages = dict(settings.STORAGES)
    for alias in ("default", "private"):
        storages[alias] = {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": os.path.join(root, alias), "base_url": "/bench/"},
        }
    settings.STORAGES = storages
    return root


def server_cpu_s(connection) -> float | None:
    """CPU seconds used so far by the PostgreSQL backend serving `connection`, when the
    server runs on this machine; None otherwise."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def register_build(count: int, design, seed: int = 2026):
    """Untimed: units, a superuser, a ToT course, a class of `count` completed cadres and a
    nationwide class template with the engine phase's images."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from certificates.models import CertificateTemplate, Kind
    from courses.models import ClassParticipant, CourseIndexPage, CoursePage
    from courses.services.classes import class_create
    from organizations.models import Cadre, Level, Organisation, OrgUnit, User
    from organizations.text import fold

    rng = random.Random(seed)
    doan = Organisation.DOAN
    root = OrgUnit.add_root(
        code="TW", name="Trung ương Đoàn TNCS Hồ Chí Minh", level=Level.CENTRAL, organisation=doan
    )
    province = root.add_child(
        code="T68", name="Tỉnh Đoàn Lâm Đồng", level=Level.PROVINCE, organisation=doan
    )
    communes = []
    for number in range(1, 41):
        province.refresh_from_db()
        communes.append(
            province.add_child(
                code=f"T68-X{number:03d}",
                name=f"Đoàn xã {rng.choice(GIVEN).split()[0]} {number}",
                level=Level.GRASSROOTS,
                organisation=doan,
            )
        )
    actor = User.objects.create_superuser(email="bench-admin@example.vn")

    course = CoursePage(
        title="Tập huấn giảng viên điều phối hoạt động tình nguyện",
        code="BENCH-TOT",
        summary="Khoá tập huấn giảng viên nguồn về điều phối hoạt động tình nguyện.",
        is_tot=True,
        certificate_title="Giấy chứng nhận hoàn thành khoá tập huấn",
    )
    CourseIndexPage.objects.get().add_child(instance=course)
    course.save_revision().publish()
    course.refresh_from_db()
    today = timezone.localdate()
    training_class = class_create(
        actor=actor,
        course=course,
        host_unit=province,
        title="Kỹ năng tổ chức hoạt động tình nguyện của thanh niên",
        mode="blended",
        level=Level.PROVINCE,
        start_date=today - datetime.timedelta(days=10),
        end_date=today - datetime.timedelta(days=1),
    )

    names = [f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}" for _ in range(count)]
    Cadre.objects.bulk_create(
        (
            Cadre(
                code=f"BC{number:06d}",
                full_name=name,
                search_name=fold(name),
                gender="female" if number % 2 else "male",
                date_of_birth=datetime.date(1990 + number % 12, 1 + number % 12, 1 + number % 28),
                unit=communes[number % len(communes)],
            )
            for number, name in enumerate(names)
        ),
        batch_size=500,
    )
    now = timezone.now()
    ClassParticipant.objects.bulk_create(
        (
            ClassParticipant(
                training_class=training_class,
                cadre_id=pk,
                post_test_score=Decimal(rng.randint(600, 1000)) / 10,
                completed_at=now,
            )
            for pk in Cadre.objects.filter(code__startswith="BC").values_list("pk", flat=True)
        ),
        batch_size=500,
    )

    template = CertificateTemplate(
        kind=Kind.CLASS,
        owner_unit=None,
        name="Mẫu giấy chứng nhận hoàn thành lớp (toàn quốc)",
        title=design.title,
        body=CLASS_BODY,
        signer_title=design.signer_title,
        signer_name=design.signer_name,
        page_size=design.page_size,
        orientation=design.orientation,
    )
    for field, name in (
        ("background_image", "nen.jpg"),
        ("seal_image", "con-dau.png"),
        ("signature_image", "chu-ky.png"),
    ):
        getattr(template, field).save(name, ContentFile(getattr(design, field)), save=False)
    template.save()
    return actor, training_class, template


def register_phase(count: int, design, naive_per_s: float) -> dict:
    """A class's bulk issuance, timed end to end: register rows, PDFs, the class PDF."""
    from django.db import connection

    from certificates.models import Certificate, IssueBatch, Kind
    from certificates.services import certificates_issue_for_class, template_version_for
    from certificates.services.faces import verify_url

    start = time.perf_counter()
    actor, training_class, template = register_build(count, design)
    build_s = time.perf_counter() - start
    master_s, _, version = timed(lambda: template_version_for(template=template))
    # A worker has its modules imported and the URL patterns loaded (the QR code's link).
    importlib.import_module("certificates.tasks")
    verify_url("A" * 16)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    queries = 0

    def counted(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    gc.collect()
    server_before = server_cpu_s(connection)
    with connection.execute_wrapper(counted):
        wall_s, cpu_s, batch = timed(
            lambda: certificates_issue_for_class(
                actor=actor, training_class=training_class, kind=Kind.CLASS
            )
        )
    server_after = server_cpu_s(connection)

    issued = Certificate.objects.filter(batch=batch)
    rendered = list(issued.exclude(pdf="").values_list("pdf", flat=True))
    batch = IssueBatch.objects.get(pk=batch.pk)
    assert batch.issued_count == count, (batch.issued_count, count)
    assert issued.count() == count and len(rendered) == count, (issued.count(), len(rendered))
    assert issued.filter(template_version=version).count() == count
    assert batch.pdf, "the class PDF was not written"
    storage = Certificate._meta.get_field("pdf").storage
    sizes = [storage.size(name) for name in rendered]
    with storage.open(rendered[0], "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    per_s = count / cpu_s
    result = {
        "register_per_s": round(per_s, 1),
        "register_wall_per_s": round(count / wall_s, 1),
        "register_ratio": round(per_s / naive_per_s, 1),
        "register_queries": queries,
        "register_count": count,
        "register_cpu_s": round(cpu_s, 2),
        "register_wall_s": round(wall_s, 2),
        "register_mean_pdf_bytes": round(statistics.mean(sizes)),
        "register_max_pdf_bytes": max(sizes),
        "register_class_pdf_bytes": storage.size(batch.pdf.name),
        "register_master_compile_s": round(master_s, 2),
        "register_build_s": round(build_s, 1),
        "db": connection.vendor,
    }
    if server_before is not None and server_after is not None:
        server_s = server_after - server_before
        result["register_db_cpu_s"] = round(server_s, 2)
        result["register_per_s_with_db"] = round(count / (cpu_s + server_s), 1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000, help="certificates stamped / issued")
    parser.add_argument("--naive", type=int, default=30, help="certificates typeset naively")
    parser.add_argument("--memory", type=int, default=5000, help="renders for the RSS figure")
    parser.add_argument("--engine-only", action="store_true", help="skip the register phase")
    args = parser.parse_args()

    cleanup, files = (lambda: None), None
    if not args.engine_only:
        cleanup = scratch_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
    try:
        if not args.engine_only:
            files = scratch_storage()
        import django

        django.setup()
        logging.disable(logging.WARNING)  # WeasyPrint's per-render chatter

        from tests.certificates.pdf_helpers import realistic_design

        design = realistic_design()
        result = engine_phase(design, args.count, args.naive, args.memory)
        print(
            f"naive {result['naive_per_s']}/s, stamped {result['project_per_s']}/s "
            f"(× {result['ratio']}), {result['mean_pdf_bytes']} bytes per PDF, "
            f"RSS +{result['rss_growth_mb']} MB over {args.memory} renders"
        )
        if not args.engine_only:
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
            result.update(register_phase(args.count, design, result["naive_per_s"]))
            print(
                f"class of {args.count} on {result['db']}: {result['register_per_s']} "
                f"certificates with PDFs per CPU-second ({result['register_wall_per_s']}/s "
                f"wall, {result['register_queries']} queries), rows, PDFs and the class PDF; "
                f"the template's master was compiled before timing "
                f"({result['register_master_compile_s']} s)"
            )
    finally:
        cleanup()
        if files:
            shutil.rmtree(files, ignore_errors=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
