"""The pre-2025 → today mapping, loaded from the real conversion data into a small tree."""

import json
import sqlite3
from io import StringIO

import pytest
from django.core.management import call_command

from organizations.models import LegacyLevel, LegacyUnit, Level
from organizations.selectors import (
    legacy_units_for_unit,
    legacy_units_resolve,
)
from organizations.services import legacy_units_load, org_units_load_official
from organizations.services.legacy import LegacyDataMissing, default_source
from tests.factories import unit_child

pytestmark = pytest.mark.django_db


@pytest.fixture
def lam_dong_wards(tree):
    """Two of today's Lâm Đồng communes that took in communes of the old Đắk Nông."""
    return {
        "bac_gia_nghia": unit_child(
            tree["lam_dong"], "X24611", "Đoàn phường Bắc Gia Nghĩa", admin_code="24611"
        ),
        "quang_khe": unit_child(
            tree["lam_dong"], "X24631", "Đoàn xã Quảng Khê", admin_code="24631"
        ),
    }


def legacy(level: str, code: str) -> LegacyUnit:
    return LegacyUnit.objects.select_related("unit").get(level=level, code=code)


def test_old_dak_nong_ward_lands_in_todays_lam_dong_ward(lam_dong_wards):
    legacy_units_load()

    nghia_duc = legacy(LegacyLevel.WARD, "24611")
    dak_plao = legacy(LegacyLevel.WARD, "24634")
    assert nghia_duc.name == "Phường Nghĩa Đức"
    assert nghia_duc.district_name == "Thành phố Gia Nghĩa"
    assert nghia_duc.province_name == "Tỉnh Đắk Nông"
    assert nghia_duc.unit == lam_dong_wards["bac_gia_nghia"]
    assert dak_plao.unit == lam_dong_wards["quang_khe"]
    assert not nghia_duc.divided


def test_old_province_and_district_land_in_todays_province(tree, lam_dong_wards):
    legacy_units_load()

    assert legacy(LegacyLevel.PROVINCE, "67").unit == tree["lam_dong"]  # Đắk Nông
    assert legacy(LegacyLevel.PROVINCE, "68").unit == tree["lam_dong"]
    gia_nghia = legacy(LegacyLevel.DISTRICT, "660")
    assert gia_nghia.name == "Thành phố Gia Nghĩa"
    assert gia_nghia.unit == tree["lam_dong"]
    assert not gia_nghia.divided


def test_loads_every_old_unit_and_reports_the_unresolved(tree, lam_dong_wards):
    result = legacy_units_load()

    assert LegacyUnit.objects.filter(level=LegacyLevel.PROVINCE).count() == 63
    assert LegacyUnit.objects.filter(level=LegacyLevel.DISTRICT).count() == 696
    assert result.total == LegacyUnit.objects.count() > 10_000
    assert result.created == result.total
    assert result.unresolved == LegacyUnit.objects.filter(unit__isnull=True).count()
    assert LegacyUnit.objects.filter(unit__isnull=False).count() == result.total - (
        result.unresolved
    )
    assert set(LegacyUnit.objects.values_list("source", flat=True)) == {default_source()}
    assert default_source() == "vietnamadminunits 1.0.4"


def test_with_the_whole_official_tree_every_old_unit_lands_somewhere(tree):
    org_units_load_official()

    result = legacy_units_load()

    assert result.unresolved == 0
    assert not LegacyUnit.objects.filter(unit__isnull=True).exists()
    assert not LegacyUnit.objects.exclude(
        unit__level__in=[Level.PROVINCE, Level.GRASSROOTS]
    ).exists()
    wards = LegacyUnit.objects.filter(level=LegacyLevel.WARD)
    assert not wards.exclude(unit__level=Level.GRASSROOTS).exists()
    assert wards.filter(divided=True).count() == 471


def test_unit_missing_from_our_tree_leaves_the_link_empty(tree, lam_dong_wards):
    legacy_units_load()

    can_tho = legacy(LegacyLevel.PROVINCE, "92")
    nghia_trung = legacy(LegacyLevel.WARD, "24617")  # now Đông Gia Nghĩa, not in this tree
    assert can_tho.unit is None
    assert nghia_trung.unit is None
    assert nghia_trung.province_name == "Tỉnh Đắk Nông"


def test_divided_ward_lands_in_the_default_new_ward(tree):
    """Láng Hạ was split; its default is today's Láng, which the two packages number
    differently (00199 and 00187): our tree's code is the one that counts."""
    lang = unit_child(tree["ha_noi"], "X00187", "Đoàn phường Láng", admin_code="187")
    legacy_units_load()

    lang_ha = legacy(LegacyLevel.WARD, "00199")
    lang_thuong = legacy(LegacyLevel.WARD, "00187")
    assert lang_ha.divided
    assert lang_ha.unit == lang
    assert lang_thuong.unit == lang
    assert not lang_thuong.divided


def test_unit_found_by_admin_code_when_its_code_is_not_official(tree):
    school = unit_child(
        tree["lam_dong"], "GN-BAC", "Đoàn phường Bắc Gia Nghĩa (mã riêng)", admin_code="24611"
    )
    legacy_units_load()

    assert legacy(LegacyLevel.WARD, "24611").unit == school


def test_second_run_changes_nothing(tree, lam_dong_wards):
    legacy_units_load()
    before = list(LegacyUnit.objects.order_by("pk").values_list())

    result = legacy_units_load()

    assert (result.created, result.updated) == (0, 0)
    assert result.unchanged == result.total
    assert list(LegacyUnit.objects.order_by("pk").values_list()) == before


def test_rerun_after_adding_units_fills_the_new_links(tree, lam_dong_wards):
    legacy_units_load()
    assert legacy(LegacyLevel.WARD, "24617").unit is None

    dong = unit_child(tree["lam_dong"], "X24617", "Đoàn phường Đông Gia Nghĩa")
    result = legacy_units_load()

    assert result.created == 0
    assert result.updated == LegacyUnit.objects.filter(unit=dong).count() > 0
    assert legacy(LegacyLevel.WARD, "24617").unit == dong


def test_command_loads_then_changes_nothing(tree, lam_dong_wards):
    first, second = StringIO(), StringIO()
    call_command("load_legacy_units", stdout=first)
    call_command("load_legacy_units", stdout=second)

    assert "tạo mới 0, cập nhật 0" not in first.getvalue()
    assert "tạo mới 0, cập nhật 0" in second.getvalue()
    assert "chưa nối được" in second.getvalue()


def test_missing_data_is_a_clear_error(tmp_path, tree):
    with pytest.raises(LegacyDataMissing, match="Không đọc được dữ liệu chuyển đổi"):
        legacy_units_load(data_dir=tmp_path)
    assert not LegacyUnit.objects.exists()


# --- A district whose communes went to two provinces (none does in the real data) -------


def _fake_data(folder):
    """A dataset in the package's own format: old district 999 of an old province 99 with
    two communes now in Lâm Đồng and one now in Đắk Lắk."""
    db = sqlite3.connect(folder / "dataset.db")
    db.execute("CREATE TABLE admin_units (provinceKey, wardKey, provinceCode, wardCode, ward)")
    db.executemany(
        "INSERT INTO admin_units VALUES (?, ?, ?, ?, ?)",
        [
            ("tinhlamdong", "phuongbacgianghia", "68", "24611", "Phường Bắc Gia Nghĩa"),
            ("tinhlamdong", "xaquangkhe", "68", "24631", "Xã Quảng Khê"),
            ("tinhdaklak", "xahoaphu", "66", "24175", "Xã Hòa Phú"),
        ],
    )
    db.execute(
        "CREATE TABLE admin_units_legacy (provinceKey, districtKey, wardKey, provinceCode,"
        " districtCode, wardCode, province, district, ward)"
    )
    db.executemany(
        "INSERT INTO admin_units_legacy VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            ("tinhcu", "huyencu", "xaa", "99", "999", "99991", "Tỉnh Cũ", "Huyện Cũ", "Xã A"),
            ("tinhcu", "huyencu", "xab", "99", "999", "99992", "Tỉnh Cũ", "Huyện Cũ", "Xã B"),
            ("tinhcu", "huyencu", "xac", "99", "999", "99993", "Tỉnh Cũ", "Huyện Cũ", "Xã C"),
        ],
    )
    db.commit()
    db.close()
    conversion = {
        "DICT_PROVINCE": {"tinhlamdong": ["tinhcu"], "tinhdaklak": []},
        "DICT_PROVINCE_WARD_NO_DIVIDED": {
            "tinhlamdong": {"phuongbacgianghia": ["tinhcu_huyencu_xaa"]},
            "tinhdaklak": {"xahoaphu": ["tinhcu_huyencu_xac"]},
        },
        "DICT_PROVINCE_WARD_DIVIDED": {
            "tinhlamdong": {
                "tinhcu_huyencu_xab": [
                    {"newWardKey": "phuongbacgianghia", "isDefaultNewWard": False},
                    {"newWardKey": "xaquangkhe", "isDefaultNewWard": True},
                ]
            }
        },
    }
    (folder / "converter_2025.json").write_text(json.dumps(conversion), encoding="utf-8")
    return folder


def test_district_split_between_provinces_goes_to_the_majority(tmp_path, tree, lam_dong_wards):
    dak_lak = unit_child(tree["central"], "T66", "Tỉnh Đoàn Đắk Lắk")
    result = legacy_units_load(source="thử nghiệm", data_dir=_fake_data(tmp_path))

    district = legacy(LegacyLevel.DISTRICT, "999")
    assert (district.unit, district.divided) == (tree["lam_dong"], True)
    assert legacy(LegacyLevel.WARD, "99992").unit == lam_dong_wards["quang_khe"]
    assert legacy(LegacyLevel.WARD, "99992").divided
    assert legacy(LegacyLevel.WARD, "99993").unit is None  # Hòa Phú is not in this tree
    assert legacy(LegacyLevel.PROVINCE, "99").unit == tree["lam_dong"]
    assert dak_lak.level == Level.PROVINCE
    assert (result.total, result.unresolved) == (5, 1)
    assert LegacyUnit.objects.get(code="99991").source == "thử nghiệm"


# --- Resolving old codes ---------------------------------------------------------------


@pytest.fixture
def loaded(tree, lam_dong_wards):
    legacy_units_load()
    return lam_dong_wards


def test_resolve_accepts_numbers_spaces_and_extra_zeros(loaded):
    bac = loaded["bac_gia_nghia"].pk
    values = [24611, " 24611 ", "24 611", "024611", "24612.0", "\u00a024619"]

    assert legacy_units_resolve(codes=values) == dict.fromkeys(values, bac)


def test_resolve_old_province_and_district_codes(tree, loaded):
    lam_dong = tree["lam_dong"].pk

    assert legacy_units_resolve(codes=["67", "660", 660]) == {
        "67": lam_dong,
        "660": lam_dong,
        660: lam_dong,
    }


def test_resolve_pads_lost_zeros_only_when_one_unit_fits(tree):
    lang = unit_child(tree["ha_noi"], "X00187", "Đoàn phường Láng")
    legacy_units_load()

    # 187 is district 187 (Chi Lăng, Lạng Sơn) or ward 00187 (Láng Thượng): not guessed.
    assert legacy_units_resolve(codes=[187]) == {}
    assert legacy_units_resolve(codes=[187], level="ward") == {187: lang.pk}
    assert legacy_units_resolve(codes=["199"], level=LegacyLevel.WARD) == {"199": lang.pk}
    assert legacy_units_resolve(codes=[1], level="province") == {1: tree["ha_noi"].pk}


def test_resolve_leaves_out_unknown_and_unlinked_codes(loaded):
    assert legacy_units_resolve(codes=["99999", "abc", "", None, "24-611", "92", "1234567"]) == {}


def test_resolve_rejects_an_unknown_level(loaded):
    with pytest.raises(ValueError, match="unknown legacy level"):
        legacy_units_resolve(codes=["24611"], level="commune")


def test_units_for_a_unit_cover_its_subtree(tree, loaded):
    in_province = legacy_units_for_unit(unit=tree["lam_dong"])
    in_ward = legacy_units_for_unit(unit=loaded["bac_gia_nghia"])

    codes = [row.code for row in in_province]
    assert codes[:3] == ["60", "67", "68"]  # provinces first, in code order
    assert {"660", "24611", "24634"} <= set(codes)
    assert {row.code for row in in_ward} == {"24611", "24612", "24619", "24622"}
    assert not any(row.unit_id == tree["ha_noi"].pk for row in in_province)
