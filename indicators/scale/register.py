"""Courses, classes and the certificate register of a national-scale dataset.

About two certificates per cadre over 2022–2026: class certificates from classes hosted
by communes, provinces and schools, course certificates issued centrally, trainer
certificates with their three-year validity (some already past); a few revoked. Fewer
certificates in one province in five, so the figures fall below target in places."""

import base64
import datetime
import hashlib
import json
import random
from array import array
from dataclasses import dataclass

from django.utils import timezone

from certificates.models import Certificate, CertificateTemplate, Kind, SerialBook
from certificates.services.faces import serial_symbol
from certificates.services.templates import template_version_for
from courses.models import ClassParticipant, CourseIndexPage, CoursePage, TrainingClass
from organizations.models import Level

from .load import next_id, rows_load, sequences_reset
from .people import People, days_until
from .tree import Tree

CLASS_COLUMNS = (
    "id", "course_id", "code", "title", "mode", "level", "host_unit_id", "start_date",
    "end_date", "venue", "created_at",
)  # fmt: skip
CERT_COLUMNS = (
    "code", "kind", "cadre_id", "achievement", "course_id", "training_class_id",
    "trainer_level", "issuing_unit_id", "serial_year", "serial_number", "serial",
    "template_version_id", "data", "issued_on", "issued_at", "valid_until", "status",
    "is_current", "revoked_at", "revoked_reason", "pdf", "pdf_signed",
)  # fmt: skip
PARTICIPANT_COLUMNS = ("training_class_id", "cadre_id", "post_test_score", "completed_at")
COURSES = (
    ("Điều phối hoạt động tình nguyện cơ bản", False),
    ("Quản lý tình nguyện viên trên nền tảng số", False),
    ("Tập huấn giảng viên nguồn điều phối tình nguyện", True),
)
BODIES = {
    Kind.COURSE: "Chứng nhận đồng chí {ho_ten} đã hoàn thành khoá học “{noi_dung}”.",
    Kind.CLASS: "Chứng nhận đồng chí {ho_ten}, đơn vị {don_vi_cong_tac}, đã hoàn thành lớp "
    "“{noi_dung}” từ ngày {tu_ngay} đến ngày {den_ngay}. Kết quả: {ket_qua}.",
    Kind.TRAINER: "Chứng nhận đồng chí {ho_ten} được công nhận là {noi_dung}, có giá trị đến "
    "ngày {het_han}.",
}
CLASS_TITLES = (
    "Kỹ năng tổ chức hoạt động tình nguyện",
    "Quản lý chiến dịch tình nguyện hè",
    "Cập nhật hoạt động lên cổng thông tin tình nguyện",
    "Tập huấn giảng viên cấp tỉnh",
)
# Certificates per cadre (0..4): the usual spread and the lagging provinces' one.
SPREAD = (0.16, 0.28, 0.58, 0.85, 1.0)
LAGGING = (0.45, 0.6, 0.8, 0.95, 1.0)


@dataclass
class Register:
    courses: int
    classes: int
    certificates: int
    participants: int
    serial_books: int


def _courses(prefix: str) -> list[CoursePage]:
    index = CourseIndexPage.objects.get()
    out = []
    for n, (title, tot) in enumerate(COURSES, start=1):
        code = f"{prefix}-KH{n}"
        course = CoursePage.objects.filter(code=code).first()
        if course is None:
            course = CoursePage(title=f"{title} ({prefix})", code=code, summary=title, is_tot=tot)
            index.add_child(instance=course)
            course.save_revision().publish()
        out.append(course)
    return out


def _versions(prefix: str) -> dict[str, int]:
    """A version of a nationwide template per kind; the templates are left inactive so
    real issuance never picks them."""
    out = {}
    for kind, body in BODIES.items():
        template, _ = CertificateTemplate.objects.get_or_create(
            kind=kind,
            owner_unit=None,
            name=f"Mẫu dữ liệu quy mô {prefix} ({kind})",
            defaults={
                "body": body,
                "signer_title": "TM. BAN THƯỜNG VỤ\nBÍ THƯ",
                "signer_name": "Nguyễn Văn An",
                "validity_years": 3 if kind == Kind.TRAINER else None,
                "is_active": False,
            },
        )
        out[kind] = template_version_for(template=template).pk
    return out


def _code_maker(prefix: str):
    tag = hashlib.sha256(prefix.encode()).digest()[:2]

    def code(n: int) -> str:
        return base64.b32encode(tag + n.to_bytes(8, "big")).decode()

    return code


def _plus_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def register_load(*, tree: Tree, people: People, prefix: str, rng: random.Random) -> Register:
    today = timezone.localdate()
    days = days_until(today)
    ndays = len(days)
    courses = _courses(prefix)
    versions = _versions(prefix)
    regular, tot = courses[:2], courses[2]
    by_id = {u.id: u for u in tree.units}
    hosts = [u for u in tree.units if u.level in (Level.PROVINCE, Level.GRASSROOTS)]

    # Classes: start dates over 2022–2026, so some fall in indicator (a)'s window.
    first_class = next_id(TrainingClass)
    count_classes = max(6, people.cadres // 40)
    classes = []  # (id, course, host, end)
    for k in range(count_classes):
        host = hosts[rng.randrange(len(hosts))]
        start = days[rng.randrange(ndays - 5)]
        end = start + datetime.timedelta(days=rng.randrange(4))
        course = tot if host.level == Level.PROVINCE and k % 3 == 0 else regular[k % 2]
        classes.append((first_class + k, course, host, start, end))
    created_at = timezone.make_aware(datetime.datetime(2022, 1, 1, 8))
    rows_load(
        TrainingClass,
        CLASS_COLUMNS,
        (
            (pk, course.pk, f"{prefix}-L{pk:08d}", CLASS_TITLES[pk % 4], ("in_person", "online",
             "blended")[pk % 3], host.level, host.id, start, end, "", created_at)
            for pk, course, host, start, end in classes
        ),
    )  # fmt: skip
    sequences_reset(TrainingClass)

    books: dict[tuple[int, int], int] = {
        (u, y): n for u, y, n in SerialBook.objects.values_list("unit_id", "year", "last_number")
    }
    code = _code_maker(prefix)
    part_classes, part_cadres = array("q"), array("q")
    stamp = {d: timezone.make_aware(datetime.datetime.combine(d, datetime.time(9))) for d in days}

    def certificate(n, cadre, kind, achievement, course, klass, level, unit, day, until):
        year = day.year
        number = books.get((unit, year), 0) + 1
        books[(unit, year)] = number
        revoked = rng.random() < 0.03
        status = "revoked" if revoked else ("expired" if until and until < today else "valid")
        at = stamp[day]
        data = json.dumps(
            {
                "holder_name": f"Cán bộ {cadre}",
                "achievement": achievement,
                "issuing_unit": str(unit),
                "place_date": day.isoformat(),
                "template_version": 1,
            }
        )
        return (
            code(n), kind, cadre, achievement, course, klass, level, unit, year, number,
            f"{number}/{serial_symbol(by_id[unit], '')}", versions[kind], data, day, at, until,
            status, True, at + datetime.timedelta(days=20) if revoked else None,
            "Cấp nhầm đối tượng." if revoked else "", "", False,
        )  # fmt: skip

    first_code = next_id(Certificate)

    def certificates():
        n = first_code  # no query may run on the connection while COPY streams
        for c in range(people.cadres):
            cadre = people.first + c
            province = people.province[c]
            spread = LAGGING if province % 5 == 2 else SPREAD
            roll = rng.random()
            count = next(i for i, edge in enumerate(spread) if roll < edge)
            used: set[int] = set()
            for slot in range(count):
                n += 1
                if slot in (1, 4):
                    course = regular[slot == 4]
                    day = days[rng.randrange(60, ndays)]
                    yield certificate(n, cadre, "course", f"course:{course.pk}", course.pk, None,
                                      "", tree.central, day, None)  # fmt: skip
                elif slot == 2 and rng.random() < 0.4:
                    level = "provincial" if rng.random() < 0.3 else "grassroots"
                    unit = tree.provinces[province] if province >= 0 else tree.central
                    day = days[rng.randrange(ndays)]
                    yield certificate(n, cadre, "trainer", f"trainer:{level}", tot.pk, None,
                                      level, unit, day, _plus_years(day, 3))  # fmt: skip
                else:
                    pk, course, host, _start, end = classes[rng.randrange(len(classes))]
                    if pk in used:
                        continue
                    used.add(pk)
                    day = min(today, end + datetime.timedelta(days=rng.randrange(6)))
                    part_classes.append(pk)
                    part_cadres.append(cadre)
                    yield certificate(n, cadre, "class", f"class:{pk}", course.pk, pk, "",
                                      host.id, day, None)  # fmt: skip

    certs = rows_load(Certificate, CERT_COLUMNS, certificates())
    ends = {pk: stamp[end] + datetime.timedelta(hours=8) for pk, _c, _h, _s, end in classes}
    participants = rows_load(
        ClassParticipant,
        PARTICIPANT_COLUMNS,
        (
            (k, c, f"{60 + (k * 7 + c) % 40}.{c % 100:02d}", ends[k])
            for k, c in zip(part_classes, part_cadres, strict=True)
        ),
    )  # fmt: skip
    existing = set(SerialBook.objects.values_list("unit_id", "year"))
    rows_load(
        SerialBook,
        ("unit_id", "year", "last_number"),
        ((u, y, n) for (u, y), n in books.items() if (u, y) not in existing),
    )
    for (u, y), n in books.items():
        if (u, y) in existing:
            SerialBook.objects.filter(unit_id=u, year=y).update(last_number=n)
    return Register(
        courses=len(courses),
        classes=count_classes,
        certificates=certs,
        participants=participants,
        serial_books=len(books),
    )
