import pytest

from organizations.models import Level, OrgUnit
from organizations.services import org_units_load_official

pytestmark = pytest.mark.django_db


def test_loader_builds_central_34_provinces_and_3321_communes():
    result = org_units_load_official()

    assert result.created == 1 + 34 + 3321
    assert OrgUnit.objects.filter(level=Level.CENTRAL).count() == 1
    assert OrgUnit.objects.filter(level=Level.PROVINCE).count() == 34
    assert OrgUnit.objects.filter(level=Level.GRASSROOTS).count() == 3321
    assert all(not problems for problems in OrgUnit.find_problems())


def test_loader_run_twice_changes_nothing():
    org_units_load_official()
    before = list(OrgUnit.objects.order_by("code").values_list("code", "path", "name", "numchild"))

    second = org_units_load_official()

    assert second.created == 0
    assert second.renamed == 0
    after = list(OrgUnit.objects.order_by("code").values_list("code", "path", "name", "numchild"))
    assert after == before


def test_special_zones_are_flagged_as_islands_and_sit_under_their_province():
    org_units_load_official()

    islands = OrgUnit.objects.filter(is_island=True)
    assert islands.count() == 13
    con_dao = OrgUnit.objects.get(name="Đoàn đặc khu Côn Đảo")
    assert con_dao.is_island
    assert con_dao.get_parent().name == "Thành Đoàn Hồ Chí Minh"


def test_loader_keeps_flags_an_organizer_corrected():
    org_units_load_official()
    OrgUnit.objects.filter(code="T68").update(is_border=False, name="Tỉnh Đoàn Lâm Đồng (cũ)")

    result = org_units_load_official()

    unit = OrgUnit.objects.get(code="T68")
    assert result.renamed == 1
    assert unit.name == "Tỉnh Đoàn Lâm Đồng"
    assert unit.is_border is False


def test_loader_appends_after_units_created_by_hand():
    org_units_load_official()
    province = OrgUnit.objects.get(code="T68")
    hand_made = province.add_child(
        code="LD-TRUONG", name="Đoàn trường THPT", level=Level.GRASSROOTS
    )
    OrgUnit.objects.filter(code="X24631").delete()
    OrgUnit.fix_tree()

    result = org_units_load_official()

    assert result.created == 1
    recreated = OrgUnit.objects.get(code="X24631")
    assert recreated.path.startswith(province.path)
    hand_made.refresh_from_db()
    assert hand_made.path != recreated.path
    assert all(not problems for problems in OrgUnit.find_problems())
