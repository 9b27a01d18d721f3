"""Demo data: the official unit tree, ~400 cadres in four provinces and one account per role.

Running the command again changes nothing: units are keyed by unit code, cadres by their
`DEMO####` code, accounts by email. Everything is generated from one seeded random
generator over the official commune list, so every run builds the same people.
"""

import datetime
import random
import re
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from organizations.models import (
    Cadre,
    Ethnicity,
    Gender,
    Level,
    Organisation,
    OrgUnit,
    Post,
    PostKind,
    Role,
)
from organizations.services import org_units_load_official, role_assign
from organizations.services.units import CENTRAL_CODE
from organizations.text import fold, nfc

SEED = 2025
CODE_PREFIX = "DEMO"
DEMO_PASSWORD = "SucTre@2025"  # noqa: S105 — a published demo password
NEW_UNITS_DATE = datetime.date(2025, 7, 1)  # the merged provinces and new communes start

ADMIN_EMAIL = "admin@suctre.vn"
LEARNER_EMAIL = "hocvien@suctre.vn"

# ---------------------------------------------------------------------------------------
# Names. Kinh names follow the usual family / middle / given pattern; the ethnic-minority
# patterns below are the common shapes of names in the four provinces, not an inventory.
# ---------------------------------------------------------------------------------------
KINH_FAMILY = [
    ("Nguyễn", 31), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Huỳnh", 3),
    ("Phan", 4), ("Vũ", 4), ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 1),
    ("Ngô", 1), ("Dương", 1), ("Lý", 1), ("Đinh", 1), ("Trịnh", 1), ("Mai", 1),
    ("Đào", 1), ("Cao", 1), ("Lương", 1), ("Tạ", 1), ("Hà", 1), ("Lại", 1), ("Đoàn", 1),
]  # fmt: skip
MIDDLE_MALE = [
    ("Văn", 12), ("Đức", 5), ("Minh", 5), ("Quang", 4), ("Hữu", 4), ("Công", 3),
    ("Thành", 3), ("Anh", 2), ("Tuấn", 2), ("Xuân", 2), ("Ngọc", 2), ("Trọng", 2),
    ("Đình", 3), ("Quốc", 3), ("Mạnh", 2), ("Duy", 2), ("Gia", 1), ("Tiến", 1), ("Hoàng", 2),
]  # fmt: skip
MIDDLE_FEMALE = [
    ("Thị", 30), ("Ngọc", 5), ("Thu", 4), ("Thanh", 4), ("Minh", 2), ("Bảo", 2),
    ("Khánh", 2), ("Phương", 2), ("Hồng", 3), ("Thùy", 3), ("Mỹ", 2), ("Kim", 2),
    ("Diệu", 1), ("Hoài", 1), ("Quỳnh", 1),
]  # fmt: skip
SECOND_MIDDLE_FEMALE = ["Thu", "Thanh", "Ngọc", "Hồng", "Kim", "Minh", "Lan", "Mai"]
GIVEN_MALE = [
    "An", "Bình", "Cường", "Dũng", "Đạt", "Duy", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy",
    "Khang", "Khánh", "Kiên", "Long", "Lâm", "Minh", "Nam", "Nghĩa", "Phong", "Phúc",
    "Quân", "Quang", "Sơn", "Tài", "Thắng", "Thành", "Thịnh", "Trung", "Tú", "Tuấn",
    "Việt", "Vinh", "Vũ", "Tùng", "Đức", "Hiệp", "Lộc", "Toàn", "Trường", "Khoa", "Hưng",
]  # fmt: skip
GIVEN_FEMALE = [
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Huyền", "Hương",
    "Lan", "Linh", "Loan", "Mai", "My", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương",
    "Quỳnh", "Thảo", "Thủy", "Trang", "Uyên", "Vân", "Vy", "Yến", "Nhi", "Thúy", "Tâm",
    "Trâm", "Liên", "Huệ", "Nga",
]  # fmt: skip

MUONG_FAMILY = ["Đinh", "Bạch", "Quách", "Hà", "Bùi", "Cao"]
TAY_NUNG_FAMILY = ["Hoàng", "Nông", "Lương", "Lục", "Hà", "Vi", "Ma", "Lăng", "Chu", "Lộc"]
GIAY_FAMILY = ["Hoàng", "Lò", "Vương", "Sần", "Lù", "Giàng"]
CHAM_FAMILY = ["Đàng", "Thập", "Quảng", "Lưu", "Bá", "Hán", "Thiên", "Châu", "Trượng", "Lộ"]
RAGLAI_FAMILY = ["Pi Năng", "Chamaléa", "Katơ", "Mấu", "Bo Bo"]

THAI_FAMILY = ["Lò", "Lò", "Lường", "Tòng", "Quàng", "Cầm", "Vì", "Điêu", "Hoàng"]
THAI_GIVEN_MALE = ["Xuân", "Khăm", "Phong", "Thanh", "Ơn", "Pâng", "Sơn", "Hải", "Tiến", "Chung"]
THAI_GIVEN_FEMALE = ["Ánh", "Hương", "Thoan", "Xiêng", "Ngọc", "Mai", "Phượng", "Hoa", "Thương"]

HMONG_FAMILY = ["Giàng", "Sùng", "Vàng", "Thào", "Lý", "Mùa", "Hầu", "Tráng", "Lầu", "Hạng"]
HMONG_GIVEN_MALE = ["Páo", "Sử", "Chứ", "Lử", "Dế", "Chớ", "Pó", "Sình", "Tủa", "Dình", "Vừ"]
HMONG_GIVEN_FEMALE = ["Mỷ", "Dở", "Mai", "Sua", "Pà", "Dợ", "Chía", "Mỉ", "Say", "Cở", "Xúa"]

DAO_FAMILY = ["Tẩn", "Phàn", "Chảo", "Triệu", "Lý", "Bàn", "Đặng"]
DAO_MIDDLE_MALE = ["Láo", "Văn", "Vần", "Kin", "A"]
DAO_MIDDLE_FEMALE = ["Mý", "Thị", "Mẩy"]
DAO_GIVEN_MALE = ["Lở", "Tả", "Phẩy", "Vảng", "Chiêu", "Quẩy", "Sành", "Phin", "Chòi", "Sài"]
DAO_GIVEN_FEMALE = ["Chẳn", "Mẩy", "Sỉ", "Lai", "Xuân", "Phù", "Chạy", "Nái", "Chiêu"]

COHO_CLAN = ["Kơ Să", "Kră Jăn", "Liêng Hót", "Bon Jốc", "Cil", "Rơ Ông", "Đa Cát", "Păng Ting"]
COHO_GIVEN_MALE = ["Brơi", "Mák", "Tiếp", "Sang", "Hùng", "Sơn", "Điệp", "Tuyn", "Kha", "Dũng"]
COHO_GIVEN_FEMALE = ["Sêu", "Hòa", "Thủy", "Bé", "Dung", "Thuy", "Lan", "Phương", "Tim", "Ngọc"]

MNONG_GIVEN_MALE = ["Khanh", "Ré", "Kré", "Đăm", "Xi", "Bơ", "Nhân", "Hùng", "Krông", "Lơ"]
MNONG_GIVEN_FEMALE = ["Hạnh", "Liên", "Ngân", "Bình", "Lơi", "Đêu", "Mai", "Bra"]

CHURU_CLAN = ["Touneh", "Ya", "Ma", "Bơ Nah", "Ma Ly"]


def _weighted(rng: random.Random, pairs) -> str:
    names, weights = zip(*pairs, strict=True)
    return rng.choices(names, weights=weights)[0]


def _kinh_like(rng: random.Random, family: str, gender: str) -> str:
    if gender == Gender.MALE:
        middle, given = _weighted(rng, MIDDLE_MALE), rng.choice(GIVEN_MALE)
    else:
        middle, given = _weighted(rng, MIDDLE_FEMALE), rng.choice(GIVEN_FEMALE)
        if middle == "Thị" and rng.random() < 0.25:
            middle = f"{middle} {rng.choice(SECOND_MIDDLE_FEMALE)}"
    if middle.split()[-1] == given:
        given = rng.choice(GIVEN_MALE if gender == Gender.MALE else GIVEN_FEMALE)
    return f"{family} {middle} {given}"


def _vi_middle(gender: str) -> str:
    return "Văn" if gender == Gender.MALE else "Thị"


def full_name(rng: random.Random, ethnicity: str, gender: str) -> str:
    male = gender == Gender.MALE
    if ethnicity == Ethnicity.KINH:
        name = _kinh_like(rng, _weighted(rng, KINH_FAMILY), gender)
    elif ethnicity == Ethnicity.MUONG:
        name = _kinh_like(rng, rng.choice(MUONG_FAMILY), gender)
    elif ethnicity in (Ethnicity.TAY, Ethnicity.NUNG):
        name = _kinh_like(rng, rng.choice(TAY_NUNG_FAMILY), gender)
    elif ethnicity == Ethnicity.GIAY:
        name = _kinh_like(rng, rng.choice(GIAY_FAMILY), gender)
    elif ethnicity == Ethnicity.CHAM:
        name = _kinh_like(rng, rng.choice(CHAM_FAMILY), gender)
    elif ethnicity == Ethnicity.RA_GLAI:
        given = rng.choice(GIVEN_MALE if male else GIVEN_FEMALE)
        name = f"{rng.choice(RAGLAI_FAMILY)} {_vi_middle(gender)} {given}"
    elif ethnicity == Ethnicity.THAI:
        given = rng.choice(THAI_GIVEN_MALE if male else THAI_GIVEN_FEMALE)
        name = f"{rng.choice(THAI_FAMILY)} {_vi_middle(gender)} {given}"
    elif ethnicity == Ethnicity.HMONG:
        middle = ("A" if rng.random() < 0.8 else "Văn") if male else "Thị"
        given = rng.choice(HMONG_GIVEN_MALE if male else HMONG_GIVEN_FEMALE)
        name = f"{rng.choice(HMONG_FAMILY)} {middle} {given}"
    elif ethnicity == Ethnicity.DAO:
        middle = rng.choice(DAO_MIDDLE_MALE if male else DAO_MIDDLE_FEMALE)
        given = rng.choice(DAO_GIVEN_MALE if male else DAO_GIVEN_FEMALE)
        name = f"{rng.choice(DAO_FAMILY)} {middle} {given}"
    elif ethnicity == Ethnicity.CO_HO:
        if male:
            given = rng.choice(COHO_GIVEN_MALE)
            name = f"K' {given}" if rng.random() < 0.4 else f"{rng.choice(COHO_CLAN)} {given}"
        else:
            given = rng.choice(COHO_GIVEN_FEMALE)
            name = f"Ka {given}" if rng.random() < 0.3 else f"{rng.choice(COHO_CLAN)} Ha {given}"
    elif ethnicity == Ethnicity.MNONG:
        if male:
            name = f"{rng.choice(['Điểu', 'Y'])} {rng.choice(MNONG_GIVEN_MALE)}"
        else:
            name = f"{rng.choice(['Thị', 'H'])} {rng.choice(MNONG_GIVEN_FEMALE)}"
            name = name.replace("H ", "H'", 1)
    elif ethnicity == Ethnicity.MA:
        if male:
            prefix = rng.choice(["Điểu", "K'"])
            name = f"{prefix} {rng.choice(MNONG_GIVEN_MALE)}"
        else:
            name = f"{rng.choice(['Ka', 'Thị'])} {rng.choice(COHO_GIVEN_FEMALE)}"
    elif ethnicity == Ethnicity.CHU_RU:
        clan = rng.choice(CHURU_CLAN)
        if male:
            name = f"{clan} {rng.choice(GIVEN_MALE)}"
        else:
            name = f"{clan} Ha {rng.choice(GIVEN_FEMALE)}"
    else:
        name = _kinh_like(rng, _weighted(rng, KINH_FAMILY), gender)
    return nfc(name)


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
    at_commune: bool = field(default=False)


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
            at_commune=unit.level == Level.GRASSROOTS,
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


_COMMUNE_CODE = re.compile(r"^X\d{5}$")


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu trình diễn: cây đơn vị chính thức, khoảng 400 cán bộ ở Lâm Đồng, Hà Nội, "
        "Lai Châu, Khánh Hòa và một tài khoản cho mỗi vai trò. Chạy lại không tạo trùng."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            units = org_units_load_official()
            provinces = {
                u.code: u for u in OrgUnit.objects.filter(code__in=[p.code for p in PROVINCES])
            }
            communes = {
                code: [
                    c
                    for c in unit.get_children().filter(level=Level.GRASSROOTS).order_by("code")
                    if _COMMUNE_CODE.match(c.code)
                ]
                for code, unit in provinces.items()
            }
            specs, learner_code = build_specs(provinces, communes)
            new_cadres, new_posts = self._cadres(specs)
            accounts = self._accounts(provinces, learner_code)

        self.stdout.write(
            f"Đơn vị: tạo mới {units.created}, tổng số {units.total}. "
            f"Cán bộ trình diễn: tạo mới {new_cadres} (tổng {len(specs)}), "
            f"chức vụ tạo mới {new_posts}."
        )
        self._print_accounts(accounts)

    # --- cadres -----------------------------------------------------------------------
    def _cadres(self, specs: list[CadreSpec]) -> tuple[int, int]:
        existing = set(
            Cadre.objects.filter(code__in=[s.code for s in specs]).values_list("code", flat=True)
        )
        self._refresh_search_names(existing)
        todo = [s for s in specs if s.code not in existing]
        if not todo:
            return 0, 0
        taken_ids = set(
            Cadre.objects.filter(
                national_id__in=[s.national_id for s in todo if s.national_id]
            ).values_list("national_id", flat=True)
        )
        taken_emails = set(
            Cadre.objects.filter(email__in=[s.email for s in todo if s.email]).values_list(
                "email", flat=True
            )
        )
        unit_ids = dict(
            OrgUnit.objects.filter(code__in={s.unit_code for s in todo}).values_list("code", "pk")
        )
        Cadre.objects.bulk_create(
            [
                Cadre(
                    code=s.code,
                    full_name=nfc(s.full_name),
                    # bulk_create skips Cadre.save(), which keeps the search key in step.
                    search_name=fold(nfc(s.full_name)),
                    gender=s.gender,
                    ethnicity=s.ethnicity,
                    date_of_birth=s.date_of_birth,
                    national_id="" if s.national_id in taken_ids else s.national_id,
                    email="" if s.email in taken_emails else s.email,
                    phone=s.phone,
                    unit_id=unit_ids[s.unit_code],
                )
                for s in todo
            ],
            batch_size=500,
        )
        cadre_ids = dict(
            Cadre.objects.filter(code__in=[s.code for s in todo]).values_list("code", "pk")
        )
        posts = []
        for s in todo:
            posts.append(self._post(s, s.post, cadre_ids[s.code], unit_ids, primary=True))
            if s.second_post is not None:
                posts.append(
                    self._post(s, s.second_post, cadre_ids[s.code], unit_ids, primary=False)
                )
        Post.objects.bulk_create(posts, batch_size=500)
        return len(todo), len(posts)

    @staticmethod
    def _refresh_search_names(codes: set[str]) -> None:
        """Repair the search key of demo cadres written without it (by bulk inserts)."""
        stale = []
        for cadre in Cadre.objects.filter(code__in=codes).only("pk", "full_name", "search_name"):
            wanted = fold(cadre.full_name)
            if cadre.search_name != wanted:
                cadre.search_name = wanted
                stale.append(cadre)
        Cadre.objects.bulk_update(stale, ["search_name"], batch_size=500)

    @staticmethod
    def _post(spec: CadreSpec, post: PostSpec, cadre_id: int, unit_ids, *, primary: bool):
        return Post(
            cadre_id=cadre_id,
            unit_id=unit_ids[spec.unit_code],
            organisation=post.organisation,
            title=nfc(post.title),
            kind=post.kind,
            in_charge_of_volunteer_work=post.volunteer,
            is_primary=primary,
            start_date=spec.start_date,
        )

    # --- accounts ---------------------------------------------------------------------
    def _accounts(self, provinces: dict[str, OrgUnit], learner_code: str) -> list[tuple]:
        central = OrgUnit.objects.get(code=CENTRAL_CODE)
        admin = self._user(ADMIN_EMAIL, "Quản trị hệ thống", superuser=True)
        learner_cadre = Cadre.objects.select_related("unit").get(code=learner_code)
        roles = [
            ("tochuc.lamdong@suctre.vn", "Nguyễn Thị Thu Hà", Role.ORGANIZER, provinces["T68"]),
            ("tochuc.hanoi@suctre.vn", "Trần Minh Đức", Role.ORGANIZER, provinces["T01"]),
            ("theodoi.lamdong@suctre.vn", "Lê Văn Phúc", Role.PROGRAMME_VIEWER, provinces["T68"]),
            ("giangvien@suctre.vn", "Phạm Thị Lan Anh", Role.MASTER_TRAINER, central),
        ]
        rows = [(ADMIN_EMAIL, "Quản trị hệ thống (superuser)", "Toàn hệ thống", "/admin/")]
        landing = {
            Role.ORGANIZER: "/units/{code}/",
            Role.PROGRAMME_VIEWER: "/overview/",
            Role.MASTER_TRAINER: "/admin/",
        }
        for email, name, role, unit in roles:
            user = self._user(email, name)
            role_assign(actor=admin, user=user, role=role, unit=unit)
            rows.append(
                (email, str(Role(role).label), unit.name, landing[role].format(code=unit.code))
            )

        learner = self._user(LEARNER_EMAIL, learner_cadre.full_name)
        if learner_cadre.user_id != learner.pk:
            Cadre.objects.filter(user=learner).exclude(pk=learner_cadre.pk).update(user=None)
            learner_cadre.user = learner
            learner_cadre.save(update_fields=["user", "updated_at"])
        rows.append(
            (
                LEARNER_EMAIL,
                "Học viên (cán bộ)",
                f"{learner_cadre.full_name} ({learner_cadre.code}), {learner_cadre.unit.name}",
                "/me/learning/",
            )
        )
        return rows

    @staticmethod
    def _user(email: str, full_name: str, *, superuser: bool = False):
        User = get_user_model()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            make = User.objects.create_superuser if superuser else User.objects.create_user
            user = make(email=email, password=DEMO_PASSWORD, full_name=nfc(full_name))
        else:
            changed = []
            if not user.is_active:
                user.is_active = True
                changed.append("is_active")
            if superuser and not (user.is_superuser and user.is_staff):
                user.is_superuser = user.is_staff = True
                changed += ["is_superuser", "is_staff"]
            if changed:
                user.save(update_fields=changed)
            # Reset a changed password, so the printed one always works.
            if not user.check_password(DEMO_PASSWORD):
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
        address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
        if address is None or not (address.verified and address.primary):
            EmailAddress.objects.filter(user=user, primary=True).exclude(
                pk=getattr(address, "pk", None)
            ).update(primary=False)
            if address is None:
                EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            else:
                address.verified = address.primary = True
                address.save(update_fields=["verified", "primary"])
        return user

    def _print_accounts(self, rows: list[tuple]) -> None:
        header = ("Email đăng nhập", "Vai trò", "Phạm vi / hồ sơ", "Trang sau đăng nhập")
        widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(4)]
        line = "  ".join("-" * w for w in widths)
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS("Tài khoản trình diễn (đăng nhập tại /accounts/login/)")
        )
        for row in [header, None, *rows]:
            if row is None:
                self.stdout.write(line)
                continue
            cells = (str(c).ljust(w) for c, w in zip(row, widths, strict=True))
            self.stdout.write("  ".join(cells).rstrip())
        self.stdout.write(line)
        self.stdout.write(f"Mật khẩu chung cho mọi tài khoản: {DEMO_PASSWORD}")
