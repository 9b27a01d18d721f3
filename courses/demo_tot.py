"""The three years of the demo ToT cascade before this year's classes, four generations deep.

The first trainer of this year's regional class, a Hà Nội master trainer, taught the first
central ToT course (TOT-TW-K1) to provincial cadres of Lâm Đồng, Lai Châu, Khánh Hòa and
Hà Nội. Graduates ran provincial ToT courses (generation 2); commune secretaries trained
there ran grassroots ToT courses and regular classes in their communes (generation 3), one
of them on the Trường Sa special zone; the grassroots trainers taught regular classes
(generation 4). Post-test scores decay down the generations (`demo_classes`), the fourth
falling more than the fidelity threshold below the third.

Built in for the registry's gap lists: most trained trainers never taught; a Lâm Đồng
trainer taught the second provincial course (TOT-T68-K2) after the certificate from the
central course had expired; and the first participant of TN101-T68-CS4 was trained again
in that second provincial course. The trainer certificates are issued by the certificates
demo, dated the last day of each ToT class.

Dates are counted back from the day of the first run (the central course about three years
and three months before it). Classes are keyed by code; what exists is left as it is.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from organizations.models import Cadre, Level, OrgUnit, Post

from .demo_cascade import (
    CADRE_PREFIX,
    CENTRAL,
    HA_NOI,
    KHANH_HOA,
    LAI_CHAU,
    LAM_DONG,
    LEARNER_EMAIL,
    UNIT_CODES,
    provincial_staff,
)
from .demo_classes import ClassPlan, training_class_create
from .models import ClassParticipant, ClassTrainer, CoursePage, TrainingClass

CENTRAL_TOT = "TOT-TW-K1"
AFTER_EXPIRY_TOT = "TOT-T68-K2"
TRAINED_TWICE_CLASS = "TN101-T68-CS4"

# Start of each class in days before the first run, and its length in days. The central
# course's certificates (three years) lapse about a hundred days before the first run.
DATES = {
    "TOT-TW-K1": (1200, 3),
    "TOT-T68-K1": (1125, 3),
    "TOT-T12-K1": (990, 3),
    "TOT-T68-CS1": (980, 2),
    "TOT-T56-K1": (945, 3),
    "TN101-T68-CS1": (940, 2),
    "TN101-T56-CS1": (880, 2),
    "TOT-T12-CS1": (870, 2),
    "TOT-T68-CS2": (860, 2),
    "TOT-T56-CS1": (800, 2),
    "TN101-T68-CS2": (760, 2),
    "TN101-T12-CS1": (700, 2),
    "TN101-T68-CS3": (610, 2),
    "TN101-T56-CS2": (600, 2),
    "TN101-T68-CS4": (420, 2),
    "TN101-T12-CS2": (330, 15),
    "TOT-T68-K2": (62, 3),
}
TOT_CLASS_CODES = tuple(code for code in DATES if code.startswith("TOT-"))

_TOT_DAYS = [
    ("Ngày 1: Chương trình tập huấn và vai trò giảng viên", 0, False),
    ("Ngày 2: Thiết kế bài giảng về điều phối tình nguyện", 1, False),
    ("Ngày 3: Thực hành giảng, kiểm tra cuối khoá", 2, True),
]
_GRASSROOTS_TOT_DAYS = [
    ("Phương pháp tập huấn cho đoàn viên", 0, False),
    ("Thực hành dẫn lớp, kiểm tra cuối khoá", 1, True),
]
_REGULAR_DAYS = [
    ("Lập kế hoạch và huy động tình nguyện viên", 0, False),
    ("An toàn, báo cáo và kiểm tra cuối khoá", 1, True),
]


def _place(unit: OrgUnit) -> str:
    """'xã Tà Xùa' from 'Đoàn xã Tà Xùa'."""
    return unit.name.removeprefix("Đoàn ")


class _Pool:
    """A province's commune cadres not yet given a place in the cascade, by code."""

    def __init__(self, province: OrgUnit, reserved: set[int]):
        self.free = list(
            Cadre.objects.filter(
                code__startswith=CADRE_PREFIX,
                unit__path__startswith=province.path,
                unit__level=Level.GRASSROOTS,
            )
            .exclude(pk__in=reserved)
            .select_related("unit")
            .order_by("code")
        )
        self.titles = dict(
            Post.objects.filter(
                cadre__in=self.free, is_primary=True, end_date__isnull=True
            ).values_list("cadre_id", "title")
        )

    def _take(self, chosen: list[Cadre]) -> list[Cadre]:
        taken = {c.pk for c in chosen}
        self.free = [c for c in self.free if c.pk not in taken]
        return chosen

    def secretaries(self, count: int, *, first_of: OrgUnit | None = None) -> list[Cadre]:
        """Commune secretaries, then deputies; the secretary of `first_of` leads."""

        def rank(cadre: Cadre) -> tuple:
            title = self.titles.get(cadre.pk, "")
            post = 2
            if title.startswith("Bí thư Đoàn"):
                post = 0
            elif title.startswith("Phó Bí thư Đoàn"):
                post = 1
            return (post, first_of is None or cadre.unit_id != first_of.pk, cadre.code)

        ranked = sorted((c for c in self.free if rank(c)[0] < 2), key=rank)
        return self._take(ranked[:count])

    def near(self, unit: OrgUnit, count: int, *, only: bool = False) -> list[Cadre]:
        """Cadres of `unit` first, then of the communes listed after it (a cluster)."""
        same = [c for c in self.free if c.unit_id == unit.pk]
        if only:
            return self._take(same[:count])
        pivot = same[0].code if same else ""
        others = sorted(
            (c for c in self.free if c.unit_id != unit.pk), key=lambda c: (c.code < pivot, c.code)
        )
        return self._take((same + others)[:count])


def _reserved() -> set[int]:
    """Cadres already in other demo classes, and the learner, stay out of these."""
    others = ~Q(training_class__code__in=list(DATES))
    reserved = set(ClassParticipant.objects.filter(others).values_list("cadre_id", flat=True))
    reserved |= set(ClassTrainer.objects.filter(others).values_list("cadre_id", flat=True))
    reserved |= set(
        Cadre.objects.filter(
            Q(user__email__iexact=LEARNER_EMAIL) | Q(email__iexact=LEARNER_EMAIL)
        ).values_list("pk", flat=True)
    )
    return reserved


class _Planner:
    """Class plans keyed by code, their dates from `DATES`."""

    def __init__(self, tn: CoursePage, tot: CoursePage):
        self.tn, self.tot = tn, tot
        self.today = timezone.localdate()
        self.plans: dict[str, ClassPlan] = {}

    def add(self, code, title, host, trainers, participants, *, generation, **extra) -> list:
        ago, length = DATES[code]
        start = self.today - datetime.timedelta(days=ago)
        tot = code.startswith("TOT-")
        if host.level == Level.GRASSROOTS:
            sessions = _GRASSROOTS_TOT_DAYS if tot else _REGULAR_DAYS
        else:
            sessions = _TOT_DAYS
        self.plans[code] = ClassPlan(
            code=code,
            title=title,
            course=self.tot if tot else self.tn,
            mode=extra.pop("mode", TrainingClass.Mode.IN_PERSON),
            level=host.level,
            host=host,
            start=start,
            end=start + datetime.timedelta(days=length - 1),
            venue=extra.pop("venue", f"Hội trường Ủy ban nhân dân {_place(host)}"),
            trainers=trainers,
            participants=participants,
            sessions=extra.pop("sessions", sessions),
            finished=True,
            generation=generation,
            **extra,
        )
        return participants

    def grassroots(self, code, kind, trainer, pool, size, generation, **extra) -> list:
        host = trainer.unit
        title = {
            "tot": f"Lớp tập huấn giảng viên cơ sở cụm {_place(host)}",
            "tn": f"Lớp bồi dưỡng kỹ năng điều phối tình nguyện, {_place(host)}",
        }[kind]
        if kind == "tn":
            extra.setdefault("venue", f"Nhà văn hoá {_place(host)}")
        people = pool.near(host, size, only=extra.pop("only", False))
        return self.add(code, title, host, [trainer], people, generation=generation, **extra)


def _provincial_course(roman: str, province: OrgUnit) -> tuple[str, str]:
    name = province.name.removeprefix("Tỉnh Đoàn ")
    return (
        f"Lớp tập huấn giảng viên cấp tỉnh khoá {roman}, tỉnh {name}",
        f"Hội trường Tỉnh Đoàn {name}",
    )


def _plan(tn: CoursePage, tot: CoursePage, units: dict[str, OrgUnit]) -> list[ClassPlan]:
    p = _Planner(tn, tot)
    lam_dong, lai_chau, khanh_hoa = units[LAM_DONG], units[LAI_CHAU], units[KHANH_HOA]
    reserved = _reserved()

    # Generation 1: the central course, for provincial staff not in this year's class.
    # (The office's two senior posts, its first two cadres, do not sit ToT courses.)
    def staff(unit: OrgUnit, count: int) -> list[Cadre]:
        office = provincial_staff(unit, 40)
        skip = reserved | {c.pk for c in sorted(office, key=lambda c: c.code)[:2]}
        return [c for c in office if c.pk not in skip][:count]

    ld, lc, kh = staff(lam_dong, 4), staff(lai_chau, 4), staff(khanh_hoa, 4)
    hn = staff(units[HA_NOI], 2)
    master = provincial_staff(units[HA_NOI], 1)
    p.add(
        CENTRAL_TOT,
        "Lớp tập huấn giảng viên nguồn Trung ương khoá I",
        units[CENTRAL],
        master,
        ld + lc + kh + hn,
        generation=1,
        venue="Học viện Thanh thiếu niên Việt Nam, Hà Nội",
        organizer_email="giangvien@suctre.vn",
    )

    # Generation 2: provincial ToT courses; the commune secretaries are kept aside first.
    pools = {code: _Pool(units[code], reserved) for code in (LAM_DONG, LAI_CHAU, KHANH_HOA)}
    island = (
        OrgUnit.objects.filter(path__startswith=khanh_hoa.path, is_island=True)
        .filter(cadres__code__startswith=CADRE_PREFIX)
        .order_by("code")
        .first()
    )
    ld_first = pools[LAM_DONG].secretaries(10)
    ld_second = pools[LAM_DONG].secretaries(7)
    lc_first = pools[LAI_CHAU].secretaries(7)
    kh_first = pools[KHANH_HOA].secretaries(6, first_of=island)
    lam_dong_org = {"organizer_email": "tochuc.lamdong@suctre.vn"}
    for code, province, trainers, people in (
        ("TOT-T68-K1", lam_dong, ld[:2], ld_first),
        ("TOT-T12-K1", lai_chau, lc[:2], lc_first),
        ("TOT-T56-K1", khanh_hoa, kh[:1], kh_first),
    ):
        title, venue = _provincial_course("I", province)
        extra = lam_dong_org if province == lam_dong else {}
        p.add(code, title, province, trainers, people, generation=2, venue=venue, **extra)

    # Generation 3: commune trainers of the provincial courses teach in their communes.
    ld_pool, lc_pool, kh_pool = pools[LAM_DONG], pools[LAI_CHAU], pools[KHANH_HOA]
    ld_cs1 = p.grassroots("TOT-T68-CS1", "tot", ld_first[0], ld_pool, 8, 3)
    p.grassroots("TN101-T68-CS1", "tn", ld_first[1], ld_pool, 12, 3)
    ld_cs2 = p.grassroots("TOT-T68-CS2", "tot", ld_first[2], ld_pool, 8, 3)
    lc_cs1 = p.grassroots("TOT-T12-CS1", "tot", lc_first[0], lc_pool, 8, 3)
    on_island = [c for c in kh_first if island and c.unit_id == island.pk]
    mainland = [c for c in kh_first if c not in on_island]
    island_trainer = (on_island or mainland[1:])[0]
    p.grassroots("TN101-T56-CS1", "tn", island_trainer, kh_pool, 5, 3, only=bool(on_island))
    kh_cs1 = p.grassroots("TOT-T56-CS1", "tot", mainland[0], kh_pool, 8, 3)

    # Generation 4: the grassroots trainers' regular classes.
    p.grassroots("TN101-T68-CS2", "tn", ld_cs1[0], ld_pool, 12, 4)
    p.grassroots("TN101-T12-CS1", "tn", lc_cs1[0], lc_pool, 12, 4)
    p.grassroots("TN101-T68-CS3", "tn", ld_cs1[1], ld_pool, 12, 4)
    p.grassroots("TN101-T56-CS2", "tn", kh_cs1[0], kh_pool, 12, 4)
    twice = p.grassroots(TRAINED_TWICE_CLASS, "tn", ld_cs2[0], ld_pool, 12, 4)[0]
    p.grassroots(
        "TN101-T12-CS2",
        "tn",
        lc_cs1[1],
        lc_pool,
        12,
        4,
        mode=TrainingClass.Mode.BLENDED,
        venue="Trực tuyến và nhà văn hoá xã",
        sessions=[
            ("Khai giảng trực tuyến, kiểm tra đầu vào", 0, False),
            ("Buổi trực tiếp: thực hành, kiểm tra cuối khoá", 14, True),
        ],
    )

    # This year: Lâm Đồng's second provincial course, taught by a trainer whose certificate
    # from the central course has lapsed; a fourth-generation cadre is trained again.
    title, venue = _provincial_course("II", lam_dong)
    p.add(
        AFTER_EXPIRY_TOT,
        title,
        lam_dong,
        ld[:1],
        ld_second + [twice],
        generation=2,
        venue=venue,
        **lam_dong_org,
    )
    return sorted(p.plans.values(), key=lambda plan: (plan.start, plan.code))


def tot_cascade_create(tn: CoursePage, tot: CoursePage, result) -> None:
    """Write the classes of the plan that do not exist yet (`result.classes` counts them);
    run after `demo_cascade.cascade_create`, whose people it leaves out."""
    if TrainingClass.objects.filter(code__in=list(DATES)).count() == len(DATES):
        return
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=UNIT_CODES)}
    for plan in _plan(tn, tot, units):
        training_class_create(plan, result)
