"""The register phase of bench/certificates.py: a class's bulk issuance timed end to end
(register rows, every certificate's PDF, the class's printable PDF) in a scratch database,
and the scratch database and file storage it runs in. See bench/certificates.py."""

import datetime
import gc
import importlib
import os
import random
import statistics
import tempfile
import time
from decimal import Decimal
from urllib.parse import urlsplit, urlunsplit

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Lò"]
MIDDLE = ["Thị", "Văn", "Hữu", "Ngọc", "Minh", "Thanh", "Đức", "Thu", "Quốc", "Bảo"]
GIVEN = ["Ánh Tuyết", "Hùng", "Lan", "Khang", "Mai", "Thảo", "Bình", "Nguyệt", "Dũng", "Yến"]


def timed(fn) -> tuple[float, float, object]:
    """Wall-clock and CPU seconds of one call, and its result."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


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
