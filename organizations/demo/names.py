"""Realistic Vietnamese names for demo cadres, by ethnic group and gender."""

import random

from organizations.models import Ethnicity, Gender
from organizations.text import nfc

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
