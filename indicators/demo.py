"""The indicators demo: Đắk Nông, the province of plan 630/KH-UBND, now part of Lâm Đồng.

Six communes and wards that were Đắk Nông's (Gia Nghĩa, Đắk Mil, Cư Jút, Đắk Song, Krông
Nô, Tuy Đức areas) get their dedicated cadres in charge of volunteer work, registered
from 1 July 2025 when the new communes started; three training classes of the area
(August 2025, March and June 2026) certify some of them, so indicator (d) ranges from 25%
to 100% between communes. The communes and the provincial office declare (b) and (c)
for 2024, 2025 and 2026, three times a year, below target in places; Lâm Đồng raises two of
its own targets. Then every quarter-end and the live figures are computed, so the
dashboard has a trend.

Keyed throughout (cadres and declarations by request key, classes by code, certificates
by achievement, targets by value), so a second run writes nothing. Needs the preceding
demos: the official tree, Lâm Đồng's organizer, the TN-101 course and a class template.
"""

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from certificates.models import Kind
from certificates.selectors import class_issue_candidates
from certificates.services import certificate_issue
from certificates.services.achievements import class_achievement
from courses.demo_classes import ClassPlan, training_class_create
from courses.models import ClassParticipant, ClassTrainer, CoursePage, TrainingClass
from courses.services.cascade import cascade_rebuild_all
from organizations.demo.names import full_name
from organizations.demo.plan import MOBILE_PREFIXES, NEW_UNITS_DATE
from organizations.models import Cadre, Ethnicity, Gender, Organisation, OrgUnit, PostKind
from organizations.services import cadre_create, org_unit_update

from .models import Declaration, Target
from .services import (
    declaration_submit,
    snapshot_mark_stale,
    snapshots_ensure_periods,
    snapshots_refresh_stale,
    target_set,
)

LAM_DONG = "T68"
ORGANIZER_EMAIL = "tochuc.lamdong@suctre.vn"
COURSE_CODE = "TN-101"
SEED = "dak-nong-630"
E = Ethnicity


@dataclass(frozen=True)
class Commune:
    """A former Đắk Nông commune: its flags, people and the classes its cadres sat."""

    code: str
    border: bool
    ethnicities: tuple[tuple[str, int], ...]
    counted: int  # dedicated cadres in charge of volunteer work
    trained: tuple[tuple[str, int], ...]  # (class code, how many of them it certified)
    # Declarations per year: (activities held, on the portal, campaigns, with models, IT)
    years: dict[int, tuple[int, int, int, int, bool]]
    note: str = ""


# Phường Bắc Gia Nghĩa (the former provincial capital), xã Đắk Mil, xã Đắk Wil (Cư Jút),
# xã Thuận Hạnh (Đắk Song), xã Krông Nô, xã Tuy Đức; three of them on the border.
COMMUNES = (
    Commune("X24611", False, ((E.KINH, 70), (E.MNONG, 15), (E.TAY, 8), (E.NUNG, 7)), 5,
            (("TN101-DN-01", 2), ("TN101-DN-02", 3)),
            {2024: (20, 10, 5, 3, True), 2025: (22, 15, 6, 5, True), 2026: (19, 15, 5, 5, True)}),
    Commune("X24670", False, ((E.KINH, 65), (E.MNONG, 15), (E.TAY, 10), (E.NUNG, 10)), 7,
            (("TN101-DN-01", 4), ("TN101-DN-02", 2)),
            {2024: (16, 6, 4, 2, False), 2025: (18, 11, 5, 4, True), 2026: (15, 10, 4, 4, True)}),
    Commune("X24646", True, ((E.KINH, 45), (E.MNONG, 25), (E.TAY, 15), (E.NUNG, 15)), 4,
            (("TN101-DN-01", 2),),
            {2024: (12, 5, 3, 2, False), 2025: (14, 9, 4, 3, True), 2026: (11, 8, 3, 3, True)}),
    Commune("X24722", True, ((E.KINH, 50), (E.MNONG, 25), (E.HMONG, 15), (E.TAY, 10)), 4,
            (("TN101-DN-01", 1),),
            {2024: (8, 3, 2, 1, False), 2025: (10, 5, 3, 2, False), 2026: (9, 5, 3, 2, False)},
            "Hai cán bộ chuyên trách mới nhận công tác, chưa được bồi dưỡng."),
    Commune("X24688", False, ((E.KINH, 50), (E.MNONG, 30), (E.TAY, 10), (E.DAO, 10)), 5,
            (("TN101-DN-03", 4),),
            {2024: (14, 4, 4, 2, False), 2025: (15, 6, 4, 3, False), 2026: (12, 6, 4, 3, True)}),
    Commune("X24739", True, ((E.MNONG, 45), (E.KINH, 35), (E.HMONG, 12), (E.DAO, 8)), 5,
            (("TN101-DN-03", 2),),
            {2024: (10, 2, 3, 1, False), 2025: (12, 3, 3, 1, False), 2026: (10, 3, 4, 2, False)},
            "Sóng điện thoại chập chờn ở các bon vùng biên, nhiều hoạt động chưa lên cổng."),
)  # fmt: skip
# Lâm Đồng's provincial office; its 2026 figures are those of the first nine months.
PROVINCE_YEARS = {
    2024: (40, 18, 10, 6, True),
    2025: (46, 29, 12, 9, True),
    2026: (38, 27, 10, 8, True),
}
# Lâm Đồng's own targets, above the decision's (60% and 80%).
TARGETS = (("a", 2025, 70), ("b", 2030, 85))

# The classes: (code, host commune, start, days, title).
CLASSES = (
    ("TN101-DN-01", "X24611", datetime.date(2025, 8, 19), 3, "cụm Gia Nghĩa – Đắk Mil"),
    ("TN101-DN-02", "X24670", datetime.date(2026, 3, 10), 3, "cụm Đắk Mil – Gia Nghĩa"),
    ("TN101-DN-03", "X24688", datetime.date(2026, 6, 16), 3, "cụm Krông Nô – Tuy Đức"),
)
SESSIONS = [
    ("Ngày 1: Lập kế hoạch chiến dịch, huy động tình nguyện viên", 0, False),
    ("Ngày 2: Cập nhật hoạt động lên cổng thông tin tình nguyện", 1, False),
    ("Ngày 3: Thực hành điều phối, kiểm tra cuối khoá", 2, True),
]

# Posts in the order they are filled: the first `counted` are dedicated and in charge of
# volunteer work; one more, part-time, does not count for (d).
_COUNTED_POSTS = (
    ("Bí thư Đoàn {d}", Organisation.DOAN),
    ("Phó Bí thư Đoàn {d}", Organisation.DOAN),
    ("Chủ tịch Hội LHTN {d}", Organisation.HOI_LHTN),
    ("Ủy viên Ban Thường vụ Đoàn {d}, phụ trách phong trào tình nguyện", Organisation.DOAN),
    ("Phó Chủ tịch Hội LHTN {d}", Organisation.HOI_LHTN),
    ("Phó Bí thư Đoàn {d}", Organisation.DOAN),
    ("Cán bộ chuyên trách Đoàn {d}", Organisation.DOAN),
)
_OTHER_POSTS = (
    ("Ủy viên Ban Chấp hành Đoàn {d}", PostKind.PART_TIME, True),
    ("Bí thư Chi đoàn {v} {n}", PostKind.PART_TIME, False),
)


@dataclass
class DemoResult:
    cadres: int = 0
    classes: int = 0
    certificates: int = 0
    declarations: int = 0
    targets: int = 0
    snapshots: int = 0


@dataclass(frozen=True)
class _Person:
    key: str
    commune: str
    full_name: str
    gender: str
    ethnicity: str
    born: datetime.date
    national_id: str
    phone: str
    title: str
    kind: str
    organisation: str
    volunteer: bool


def _people(units: dict[str, OrgUnit]) -> list[_Person]:
    """Every demo cadre of the six communes, the same on every run."""
    rng = random.Random(SEED)  # noqa: S311 — a repeatable demo, not a secret
    out = []
    for number, commune in enumerate(COMMUNES):
        unit = units[commune.code]
        division = unit.name.removeprefix("Đoàn ").split(" ", 1)[0]
        village = "tổ dân phố" if division == "phường" else "bon" if commune.border else "thôn"
        posts = [
            (t.format(d=division), PostKind.DEDICATED, org, True)
            for t, org in _COUNTED_POSTS[: commune.counted]
        ]
        other, kind, volunteer = _OTHER_POSTS[number % 2]
        other = other.format(d=division, v=village, n=rng.randint(1, 12))
        posts.append((other, kind, Organisation.DOAN, volunteer))
        names, weights = zip(*commune.ethnicities, strict=True)
        for index, (title, kind, organisation, volunteer) in enumerate(posts, start=1):
            ethnicity = rng.choices(names, weights=weights)[0]
            gender = Gender.MALE if rng.random() < 0.55 else Gender.FEMALE
            born = datetime.date(1986, 1, 1) + datetime.timedelta(days=rng.randint(0, 6200))
            sex = (0 if born.year < 2000 else 2) + (0 if gender == Gender.MALE else 1)
            out.append(
                _Person(
                    key=f"demo-dn-{commune.code}-{index}",
                    commune=commune.code,
                    full_name=full_name(rng, ethnicity, gender),
                    gender=gender,
                    ethnicity=ethnicity,
                    born=born,
                    # Citizen IDs issued in Đắk Nông begin with its code, 067.
                    national_id=f"067{sex}{born.year % 100:02d}{rng.randint(0, 999_999):06d}",
                    phone=rng.choice(MOBILE_PREFIXES) + f"{rng.randint(0, 9_999_999):07d}",
                    title=title,
                    kind=kind,
                    organisation=organisation,
                    volunteer=volunteer,
                )
            )
    return out


def indicator_demo_create() -> DemoResult | None:
    """Build the Đắk Nông demo and refresh the figures; None without the preceding demos."""
    codes = [LAM_DONG, *(c.code for c in COMMUNES)]
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
    organizer = get_user_model().objects.filter(email__iexact=ORGANIZER_EMAIL).first()
    course = CoursePage.objects.filter(code=COURSE_CODE).first()
    if len(units) != len(codes) or organizer is None or course is None:
        return None
    result = DemoResult()
    snapshots_ensure_periods()
    with transaction.atomic():
        cadres = _cadres(units, organizer, result)
        if result.cadres:  # the first run; an organizer's later corrections stay
            _flags(units, organizer)
        _classes(units, cadres, course, organizer, result)
        _declarations(units, organizer, result)
        _targets(units[LAM_DONG], organizer, result)
    result.snapshots = snapshots_refresh_stale()
    return result


def _flags(units: dict[str, OrgUnit], organizer) -> None:
    """Đắk Nông is a mountain province with many ethnic minorities, on the Cambodian border."""
    for commune in COMMUNES:
        org_unit_update(
            actor=organizer,
            unit=units[commune.code],
            is_mountain=True,
            is_ethnic_minority_area=True,
            is_border=commune.border or units[commune.code].is_border,
        )


def _cadres(units, organizer, result: DemoResult) -> dict[str, list[Cadre]]:
    """The communes' cadres by commune, in post order; created only where missing."""
    people = _people(units)
    existing = {
        c.request_key: c for c in Cadre.objects.filter(request_key__in=[p.key for p in people])
    }
    by_commune: dict[str, list[Cadre]] = {c.code: [] for c in COMMUNES}
    for person in people:
        cadre = existing.get(person.key)
        if cadre is None:
            cadre = cadre_create(
                actor=organizer,
                unit=units[person.commune],
                full_name=person.full_name,
                gender=person.gender,
                ethnicity=person.ethnicity,
                date_of_birth=person.born,
                national_id=person.national_id,
                phone=person.phone,
                title=person.title,
                kind=person.kind,
                organisation=person.organisation,
                in_charge_of_volunteer_work=person.volunteer,
                start_date=NEW_UNITS_DATE,
                request_key=person.key,
            )
            result.cadres += 1
        by_commune[person.commune].append(cadre)
    return by_commune


def _trainer(province: OrgUnit) -> Cadre | None:
    """An officer of the provincial volunteer-work department who sits in no other class,
    so these classes do not join another trainer's cascade."""
    busy = set(ClassParticipant.objects.values_list("cadre_id", flat=True))
    others = ClassTrainer.objects.exclude(training_class__code__in=[c[0] for c in CLASSES])
    busy |= set(others.values_list("cadre_id", flat=True))
    return (
        Cadre.objects.filter(
            unit=province, posts__title__contains="Phong trào", posts__end_date__isnull=True
        )
        .exclude(pk__in=busy)
        .order_by("code")
        .first()
    )


def _classes(units, cadres: dict[str, list[Cadre]], course, organizer, result) -> None:
    """The area's three classes, and a class certificate for each participant who finished,
    dated the class's last day."""
    roster: dict[str, list[Cadre]] = {code: [] for code, *_ in CLASSES}
    for commune in COMMUNES:
        people = iter(cadres[commune.code])
        for class_code, count in commune.trained:
            roster[class_code] += [next(people) for _ in range(count)]
    trainer = _trainer(units[LAM_DONG])
    today = timezone.localdate()
    for code, host_code, start, days, cluster in CLASSES:
        end = start + datetime.timedelta(days=days - 1)
        if end >= today:
            continue
        host = units[host_code]
        training_class = training_class_create(
            ClassPlan(
                code=code,
                title=f"Lớp bồi dưỡng kỹ năng quản lý, điều phối hoạt động tình nguyện, {cluster}",
                course=course,
                mode=TrainingClass.Mode.IN_PERSON,
                level=host.level,
                host=host,
                start=start,
                end=end,
                venue=f"Hội trường Ủy ban nhân dân {host.name.removeprefix('Đoàn ')}",
                trainers=[trainer] if trainer else [],
                participants=roster[code],
                sessions=SESSIONS,
                finished=True,
                organizer_email=ORGANIZER_EMAIL,
                generation=1,  # a small class that all pass
            ),
            result,
        )
        for candidate in class_issue_candidates(training_class=training_class, kind=Kind.CLASS):
            if not candidate.will_receive:
                continue
            issued = certificate_issue(
                cadre=candidate.participant.cadre,
                unit=training_class.host_unit,
                achievement=class_achievement(training_class, candidate.participant, Kind.CLASS),
                actor=organizer,
                issued_on=training_class.end_date,
            )
            result.certificates += issued.created
    if result.classes:
        # Written directly like the other demo classes: compute the trainers' cascades.
        cascade_rebuild_all()


# The declarations of a year: (request-key suffix, share of the year's activities, when).
_ROUNDS = (("-q1", 4, (3, 27)), ("-h1", 2, (6, 26)), ("", 1, None))


def _declared_on(year: int, when: tuple[int, int] | None) -> datetime.datetime:
    """When the demo's declaration was made; the year's own figures at its end (the end of
    September for the year still running)."""
    if when is None:
        when = (12, 22) if year < timezone.localdate().year else (9, 28)
    day = datetime.date(year, *when)
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
    return min(moment, timezone.now())


def _part(values: tuple[int, int, int, int, bool], parts: int):
    """The figures declared 1/`parts` into the year: that share of the activities, a
    smaller share of them on the portal and with the models, as a year usually starts."""
    held, portal, campaigns, models, it = values
    if parts == 1:
        return values
    part_held, part_campaigns = held // parts, max(1, campaigns // parts)
    return (
        part_held,
        min(part_held, portal * 4 // (5 * parts)),
        part_campaigns,
        min(part_campaigns, models // parts),
        it,
    )


def _declarations(units, organizer, result: DemoResult) -> None:
    """Quarter, half-year and full-year declarations, dated when they would have been made."""
    plan = [(units[LAM_DONG], PROVINCE_YEARS, "")]
    plan += [(units[c.code], c.years, c.note) for c in COMMUNES]
    earliest = None
    for unit, years, note in plan:
        for year, values in sorted(years.items()):
            for suffix, parts, day in _ROUNDS:
                key = f"demo-decl-{unit.code}-{year}{suffix}"
                when = _declared_on(year, day)
                if when.year != year or Declaration.objects.filter(request_key=key).exists():
                    continue
                held, portal, campaigns, models, it = _part(values, parts)
                declaration = declaration_submit(
                    actor=organizer,
                    unit=unit,
                    year=year,
                    activities_held=held,
                    activities_on_portal=portal,
                    campaigns=campaigns,
                    campaigns_with_models=models,
                    applies_it=it,
                    note=note if parts == 1 else "",
                    request_key=key,
                )
                Declaration.objects.filter(pk=declaration.pk).update(declared_at=when)
                earliest = min(earliest or when.date(), when.date())
                result.declarations += 1
    if earliest is not None:
        snapshot_mark_stale(since=earliest)


def _targets(province: OrgUnit, organizer, result: DemoResult) -> None:
    for indicator, year, percent in TARGETS:
        if Target.objects.filter(
            unit=province, indicator=indicator, year=year, percent=percent
        ).exists():
            continue
        target_set(actor=organizer, unit=province, indicator=indicator, year=year, percent=percent)
        result.targets += 1
