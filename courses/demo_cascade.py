"""The demo training classes of this year and the enrolments, on the demo cadres.

A regional ToT class held by two Hà Nội master trainers for provincial cadres of Lâm Đồng
and Lai Châu, then a class each of those provinces' new trainers teach. The years of
cascade before it are in `demo_tot`. Called by `courses.demo.course_demo_create` once the
courses exist. Classes are keyed by code and enrolments by cadre and course; what exists is
left as it is.
"""

import datetime

from django.utils import timezone

from organizations.models import Cadre, Level, OrgUnit

from .demo_classes import ClassPlan, training_class_create
from .models import (
    ClassParticipant,
    CoursePage,
    Enrollment,
    LessonCompletion,
    LessonPage,
    TrainingClass,
)

CADRE_PREFIX = "DEMO"
LEARNER_EMAIL = "hocvien@suctre.vn"
CENTRAL, LAM_DONG, HA_NOI, LAI_CHAU, KHANH_HOA = "TW", "T68", "T01", "T12", "T56"
UNIT_CODES = (CENTRAL, LAM_DONG, HA_NOI, LAI_CHAU, KHANH_HOA)


def cascade_create(tn: CoursePage, tot: CoursePage, result) -> bool:
    """Classes and enrolments of the two courses; False when there are no demo cadres.

    `result` counts what was created (`classes`, `enrollments`).
    """
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=UNIT_CODES)}
    if set(units) != set(UNIT_CODES) or not demo_cadres(units[LAM_DONG]).exists():
        return False
    _cascade(tn, tot, units, result)
    return True


def _lesson_keys(course: CoursePage) -> list:
    return list(
        LessonPage.objects.live()
        .descendant_of(course)
        .order_by("path")
        .values_list("lesson_key", flat=True)
    )


# --- People ---------------------------------------------------------------------------------


def demo_cadres(unit: OrgUnit, *, level: str | None = None, exclude=()):
    cadres = Cadre.objects.filter(code__startswith=CADRE_PREFIX, unit__path__startswith=unit.path)
    if level is not None:
        cadres = cadres.filter(unit__level=level)
    return cadres.exclude(pk__in=[c.pk for c in exclude]).order_by("code")


def provincial_staff(unit: OrgUnit, count: int) -> list[Cadre]:
    """Cadres of the provincial office itself, those in charge of volunteer work first."""
    staff = list(Cadre.objects.filter(code__startswith=CADRE_PREFIX, unit=unit).order_by("code"))
    volunteer = set(
        Cadre.objects.filter(pk__in=[c.pk for c in staff], posts__in_charge_of_volunteer_work=True)
        .values_list("pk", flat=True)
        .distinct()
    )
    return sorted(staff, key=lambda c: c.pk not in volunteer)[:count]


# --- Classes --------------------------------------------------------------------------------


def _cascade(tn: CoursePage, tot: CoursePage, units: dict, result) -> None:
    today = timezone.localdate()
    days = datetime.timedelta
    learner = Cadre.objects.filter(user__email__iexact=LEARNER_EMAIL).first()
    learner = learner or Cadre.objects.filter(email__iexact=LEARNER_EMAIL).first()
    skip = [learner] if learner else []
    lam_dong, lai_chau = units[LAM_DONG], units[LAI_CHAU]

    tot_start = today - days(75)
    tot_class = training_class_create(
        ClassPlan(
            code="TOT-TW-01",
            title="Lớp tập huấn giảng viên nguồn khu vực Tây Nguyên và miền núi phía Bắc",
            course=tot,
            mode=TrainingClass.Mode.IN_PERSON,
            level=Level.CENTRAL,
            host=units[CENTRAL],
            start=tot_start,
            end=tot_start + days(2),
            venue="Trung tâm Hoạt động Thanh thiếu nhi Trung ương, Hà Nội",
            trainers=provincial_staff(units[HA_NOI], 2),
            participants=provincial_staff(lam_dong, 6) + provincial_staff(lai_chau, 5),
            sessions=[
                ("Ngày 1: Mô hình ToT và vai trò giảng viên nguồn", 0, False),
                ("Ngày 2: Thiết kế và dẫn lớp tập huấn cấp cơ sở", 1, False),
                ("Ngày 3: Thực hành giảng, kiểm tra cuối khoá", 2, True),
            ],
            finished=True,
            organizer_email="giangvien@suctre.vn",
            generation=1,
        ),
        result,
    )
    graduates = list(
        ClassParticipant.objects.filter(training_class=tot_class, completed_at__isnull=False)
        .select_related("cadre__unit")
        .order_by("cadre__code")
    )

    def trainer_from(province: OrgUnit) -> list[Cadre]:
        found = [p.cadre for p in graduates if p.cadre.unit.path.startswith(province.path)]
        return found[:1]

    ld_start = today - days(40)
    ld_class = training_class_create(
        ClassPlan(
            code="TN101-T68-01",
            title="Lớp bồi dưỡng kỹ năng điều phối tình nguyện cho cán bộ cơ sở tỉnh Lâm Đồng",
            course=tn,
            mode=TrainingClass.Mode.IN_PERSON,
            level=Level.PROVINCE,
            host=lam_dong,
            start=ld_start,
            end=ld_start + days(1),
            venue="Hội trường Tỉnh Đoàn Lâm Đồng, Đà Lạt",
            trainers=trainer_from(lam_dong),
            participants=list(demo_cadres(lam_dong, level=Level.GRASSROOTS, exclude=skip)[:20]),
            sessions=[
                ("Lập kế hoạch và huy động tình nguyện viên", 0, True),
                ("An toàn, công nghệ số và báo cáo", 1, True),
            ],
            finished=True,
            organizer_email="tochuc.lamdong@suctre.vn",
        ),
        result,
    )
    lc_start = today - days(12)
    lc_class = training_class_create(
        ClassPlan(
            code="TN101-T12-01",
            title="Lớp kết hợp trực tuyến và trực tiếp cho cán bộ cơ sở tỉnh Lai Châu",
            course=tn,
            mode=TrainingClass.Mode.BLENDED,
            level=Level.PROVINCE,
            host=lai_chau,
            start=lc_start,
            end=lc_start + days(28),
            venue="Nhà văn hoá Tỉnh Đoàn Lai Châu và trực tuyến",
            trainers=trainer_from(lai_chau),
            participants=list(demo_cadres(lai_chau, level=Level.GRASSROOTS, exclude=skip)[:14]),
            sessions=[
                ("Khai giảng trực tuyến, kiểm tra đầu vào", 0, False),
                ("Buổi trực tiếp: lập kế hoạch và an toàn", 10, True),
                ("Buổi trực tiếp: thực hành cổng thông tin, bế giảng", 28, True),
            ],
            finished=False,
        ),
        result,
    )
    _enrol_tot(tot, tot_class, result)
    _enrol_tn(tn, [ld_class, lc_class], units, learner, result)


# --- Enrolments -----------------------------------------------------------------------------


def _enrol(course: CoursePage, rows: list[dict], result) -> None:
    """Create the enrolments in `rows` that do not exist yet, with their lesson completions.

    Each row: cadre, source, due_date and `done` (how many lessons, in order, are done).
    """
    existing = set(
        Enrollment.objects.filter(course=course, cadre__in=[r["cadre"] for r in rows]).values_list(
            "cadre_id", flat=True
        )
    )
    rows = [r for r in rows if r["cadre"].pk not in existing]
    if not rows:
        return
    keys = _lesson_keys(course)
    now = timezone.now()
    enrollments = []
    for i, row in enumerate(rows):
        done = min(row["done"], len(keys))
        active = now - datetime.timedelta(days=1 + i % 9, hours=i % 7)
        enrollments.append(
            Enrollment(
                cadre=row["cadre"],
                course=course,
                source=row["source"],
                due_date=row["due_date"],
                last_lesson_key=keys[done - 1] if done else None,
                last_activity_at=active if done else None,
                completed_at=active if keys and done == len(keys) else None,
            )
        )
    Enrollment.objects.bulk_create(enrollments)
    result.enrollments += len(enrollments)
    by_cadre = dict(
        Enrollment.objects.filter(course=course, cadre__in=[r["cadre"] for r in rows]).values_list(
            "cadre_id", "pk"
        )
    )
    LessonCompletion.objects.bulk_create(
        LessonCompletion(enrollment_id=by_cadre[row["cadre"].pk], lesson_key=key)
        for row in rows
        for key in keys[: row["done"]]
    )


def _enrol_tot(tot: CoursePage, tot_class: TrainingClass, result) -> None:
    lessons = len(_lesson_keys(tot))
    rows = [
        {
            "cadre": p.cadre,
            "source": Enrollment.Source.CLASS,
            "due_date": None,
            "done": lessons if p.completed_at else lessons // 2,
        }
        for p in tot_class.participants.select_related("cadre").order_by("cadre__code")
    ]
    _enrol(tot, rows, result)


# Progress and due date, in turn: done, half-way, one lesson due tomorrow, not started,
# done, half-way due in a week. "full"/"half" are resolved against the course's lessons.
_PATTERN = [
    ("full", -3),
    ("half", 7),
    (1, 1),
    (0, None),
    ("full", None),
    ("half", 21),
    (0, 7),
    (1, 1),
]


def _enrol_tn(tn, classes, units, learner, result) -> None:
    today = timezone.localdate()
    lessons = len(_lesson_keys(tn))
    amount = {"full": lessons, "half": lessons // 2}
    rows = []
    for training_class in classes:
        for p in training_class.participants.select_related("cadre").order_by("cadre__code"):
            rows.append({"cadre": p.cadre, "source": Enrollment.Source.CLASS})
    taken = [r["cadre"] for r in rows] + ([learner] if learner else [])
    for code, count in ((LAM_DONG, 10), (HA_NOI, 10), (KHANH_HOA, 5)):
        for cadre in demo_cadres(units[code], level=Level.GRASSROOTS, exclude=taken)[:count]:
            rows.append({"cadre": cadre, "source": Enrollment.Source.SELF})
    for i, row in enumerate(rows):
        done, due_in = _PATTERN[i % len(_PATTERN)]
        row["done"] = amount.get(done, done)
        row["due_date"] = None if due_in is None else today + datetime.timedelta(days=due_in)
    if learner is not None:
        rows.append(
            {
                "cadre": learner,
                "source": Enrollment.Source.SELF,
                "done": lessons // 2,
                "due_date": today + datetime.timedelta(days=7),
            }
        )
    _enrol(tn, rows, result)
