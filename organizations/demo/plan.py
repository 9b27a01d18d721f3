"""Who the demo cadres are: provinces, their ethnic mix, posts and personal data."""

import datetime
import random
from dataclasses import dataclass

from organizations.models import Ethnicity, Gender, Organisation, OrgUnit, PostKind
from organizations.text import nfc

from .names import full_name

SEED = 2025
CODE_PREFIX = "DEMO"
NEW_UNITS_DATE = datetime.date(2025, 7, 1)  # the merged provinces and new communes start
LEARNER_EMAIL = "hocvien@suctre.vn"

# ---------------------------------------------------------------------------------------
# Provinces, their ethnic mix and how many demo cadres each gets.
# ---------------------------------------------------------------------------------------
E = Ethnicity


@dataclass(frozen=True)
class ProvincePlan:
    code: str
    cadres: int
    id_prefix: str  # the province part of a citizen ID number
    village: str  # what a village youth branch is called at commune level
    ethnicities: tuple[tuple[str, float], ...]


PROVINCES = (
    ProvincePlan(
        "T68",
        150,
        "068",
        "thôn",
        (
            (E.KINH, 52), (E.CO_HO, 18), (E.MNONG, 8), (E.MA, 5), (E.CHU_RU, 4),
            (E.CHAM, 4), (E.HMONG, 3), (E.TAY, 3), (E.NUNG, 3),
        ),
    ),
    ProvincePlan("T01", 110, "001", "thôn", ((E.KINH, 95), (E.MUONG, 5))),
    ProvincePlan(
        "T12",
        80,
        "012",
        "bản",
        ((E.THAI, 32), (E.HMONG, 27), (E.KINH, 20), (E.DAO, 12), (E.GIAY, 6), (E.TAY, 3)),
    ),
    ProvincePlan(
        "T56", 60, "056", "thôn", ((E.KINH, 80), (E.RA_GLAI, 10), (E.CHAM, 7), (E.CO_HO, 3))
    ),
)  # fmt: skip

MOBILE_PREFIXES = [
    "032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098",
    "088", "091", "094", "081", "083", "084", "085", "070", "076", "077", "078", "079",
    "089", "090", "093", "056", "058",
]  # fmt: skip


@dataclass
class PostSpec:
    title: str
    kind: str
    volunteer: bool = False
    organisation: str = Organisation.DOAN


@dataclass
class CadreSpec:
    code: str
    unit_code: str
    full_name: str
    gender: str
    ethnicity: str
    date_of_birth: datetime.date
    national_id: str
    phone: str
    post: PostSpec
    start_date: datetime.date
    email: str = ""
    second_post: PostSpec | None = None


def _province_posts(unit: OrgUnit) -> list[PostSpec]:
    """The standing staff of a provincial Đoàn office and its Youth Union."""
    doan = "Thành Đoàn" if unit.name.startswith("Thành Đoàn") else "Tỉnh Đoàn"
    hoi = "thành phố" if doan == "Thành Đoàn" else "tỉnh"
    D, P = PostKind.DEDICATED, PostKind.PART_TIME
    return [
        PostSpec(f"Bí thư {doan}", D),
        PostSpec(f"Phó Bí thư Thường trực {doan}", D),
        PostSpec(f"Phó Bí thư {doan}", D, volunteer=True),
        PostSpec(f"Phó Bí thư {doan}", D),
        PostSpec(f"Ủy viên Ban Thường vụ, Trưởng Ban Phong trào {doan}", D, volunteer=True),
        PostSpec(f"Phó Trưởng Ban Phong trào {doan}", D, volunteer=True),
        PostSpec(f"Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức – Kiểm tra {doan}", D),
        PostSpec(f"Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo {doan}", D),
        PostSpec(f"Chánh Văn phòng {doan}", D),
        PostSpec(
            f"Chủ tịch Hội LHTN Việt Nam {hoi}",
            D,
            volunteer=True,
            organisation=Organisation.HOI_LHTN,
        ),
        PostSpec(
            f"Phó Chủ tịch Thường trực Hội LHTN Việt Nam {hoi}",
            D,
            organisation=Organisation.HOI_LHTN,
        ),
        PostSpec("Chuyên viên Ban Phong trào", D, volunteer=True),
        PostSpec("Chuyên viên Ban Phong trào", D),
        PostSpec("Chuyên viên Ban Tổ chức – Kiểm tra", D),
        PostSpec("Chuyên viên Văn phòng", D),
        PostSpec(f"Ủy viên Ban Chấp hành {doan}", P),
        PostSpec(f"Ủy viên Ban Chấp hành {doan}", P, volunteer=True),
    ]


def _division(unit: OrgUnit) -> str:
    """'xã', 'phường' or 'đặc khu', from a commune unit's name ('Đoàn xã …')."""
    rest = unit.name.removeprefix("Đoàn ")
    return "đặc khu" if rest.startswith("đặc khu") else rest.split(" ", 1)[0]


def _commune_posts(
    rng: random.Random, unit: OrgUnit, village: str, *, doubles_as_hoi: bool
) -> list[PostSpec]:
    """A commune's Đoàn and Hội officers; `doubles_as_hoi`: the deputy also chairs the Hội."""
    division = _division(unit)
    village = "tổ dân phố" if division == "phường" else village
    D, P = PostKind.DEDICATED, PostKind.PART_TIME
    posts = [
        PostSpec(f"Bí thư Đoàn {division}", D if rng.random() < 0.85 else P, rng.random() < 0.25),
        PostSpec(f"Phó Bí thư Đoàn {division}", D if rng.random() < 0.5 else P, rng.random() < 0.7),
    ]
    if rng.random() < 0.6:
        posts.append(PostSpec(f"Ủy viên Ban Thường vụ Đoàn {division}", P, rng.random() < 0.3))
    if not doubles_as_hoi:
        posts.append(
            PostSpec(f"Chủ tịch Hội LHTN {division}", P, rng.random() < 0.5, Organisation.HOI_LHTN)
        )
    for _ in range(rng.randint(1, 2)):
        posts.append(PostSpec(f"Ủy viên Ban Chấp hành Đoàn {division}", P, rng.random() < 0.15))
    for number in sorted(rng.sample(range(1, 16), rng.randint(0, 2))):
        posts.append(PostSpec(f"Bí thư Chi đoàn {village} {number}", P, rng.random() < 0.15))
    return posts


def _random_date(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def _national_id(rng: random.Random, prefix: str, gender: str, born: datetime.date) -> str:
    """Citizen ID shape: province (3), century and sex (1), year of birth (2), serial (6)."""
    century = 0 if born.year < 2000 else 2
    sex = 0 if gender == Gender.MALE else 1
    return f"{prefix}{century + sex}{born.year % 100:02d}{rng.randint(0, 999_999):06d}"


def build_specs(provinces: dict[str, OrgUnit], communes: dict[str, list[OrgUnit]]):
    """Every demo cadre, the same on every run; returns (specs, code of the learner's cadre)."""
    rng = random.Random(SEED)
    specs: list[CadreSpec] = []
    ids: set[str] = set()
    learner_code = ""

    def person(plan: ProvincePlan, unit: OrgUnit, post: PostSpec, *, senior: bool) -> CadreSpec:
        names, weights = zip(*plan.ethnicities, strict=True)
        ethnicity = rng.choices(names, weights=weights)[0]
        gender = Gender.MALE if rng.random() < 0.52 else Gender.FEMALE
        born = _random_date(
            rng,
            datetime.date(1985, 1, 1),
            datetime.date(1993, 12, 31) if senior else datetime.date(2003, 12, 31),
        )
        national_id = ""
        if rng.random() < 0.6:
            national_id = _national_id(rng, plan.id_prefix, gender, born)
            if national_id in ids:
                national_id = ""
            else:
                ids.add(national_id)
        phone = ""
        if rng.random() < 0.85:
            phone = rng.choice(MOBILE_PREFIXES) + f"{rng.randint(0, 9_999_999):07d}"
        started = NEW_UNITS_DATE
        if rng.random() < 0.3:
            started = _random_date(rng, NEW_UNITS_DATE, datetime.date(2026, 6, 30))
        return CadreSpec(
            code=f"{CODE_PREFIX}{len(specs) + 1:04d}",
            unit_code=unit.code,
            full_name=full_name(rng, ethnicity, gender),
            gender=gender,
            ethnicity=ethnicity,
            date_of_birth=born,
            national_id=national_id,
            phone=phone,
            post=PostSpec(nfc(post.title), post.kind, post.volunteer, post.organisation),
            start_date=started,
        )

    for plan in PROVINCES:
        province = provinces[plan.code]
        count = 0
        for post in _province_posts(province):
            specs.append(person(plan, province, post, senior=True))
            count += 1
        pool = list(communes[plan.code])
        rng.shuffle(pool)
        for index, commune in enumerate(pool):
            if count >= plan.cadres:
                break
            # In the first commune of Lâm Đồng and of Lai Châu the deputy secretary also
            # chairs the commune's Youth Union: one person, two posts.
            doubles = index == 0 and plan.code in ("T68", "T12")
            for post in _commune_posts(rng, commune, plan.village, doubles_as_hoi=doubles):
                if count >= plan.cadres:
                    break
                spec = person(plan, commune, post, senior=False)
                if doubles and post.title.startswith("Phó Bí thư"):
                    spec.second_post = PostSpec(
                        nfc(f"Chủ tịch Hội LHTN {_division(commune)}"),
                        PostKind.PART_TIME,
                        True,
                        Organisation.HOI_LHTN,
                    )
                if (
                    not learner_code
                    and plan.code == "T68"
                    and post.title.startswith("Ủy viên Ban Chấp hành")
                ):
                    learner_code = spec.code
                    spec.email = LEARNER_EMAIL
                specs.append(spec)
                count += 1
    return specs, learner_code
