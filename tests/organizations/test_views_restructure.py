"""Restructuring pages: dry run first, confirm once, the audit log, and who may do what."""

import html as html_lib
import re

import pytest
from django.urls import reverse

from organizations.models import Cadre, OrgUnit, UnitChange, UnitVersion
from tests.factories import CadreFactory, UserFactory, grant, unit_child

MERGE = {
    "sources": ["X24001", "X24002"],
    "into": "",
    "new_code": "X24100",
    "new_name": "Đoàn xã An Bình",
    "effective_on": "01/07/2025",
    "note": "NQ 1656/NQ-UBTVQH15",
}


@pytest.fixture
def communes(tree):
    a = unit_child(tree["lam_dong"], "X24001", "Đoàn xã An Nhơn")
    b = unit_child(tree["lam_dong"], "X24002", "Đoàn xã Bình Lợi")
    return {"a": a, "b": b, "cadre": CadreFactory(unit=a, full_name="Lê Thị An")}


def request_key(html: str) -> str:
    return re.search(r'name="request_key" value="([0-9a-f]{32})"', html).group(1)


def confirm_data(html: str) -> dict[str, list[str]]:
    """The hidden fields of the confirmation form, as the browser would post them."""
    form = html.split('id="xac-nhan"', 1)[1].split("</form>", 1)[0]
    data: dict[str, list[str]] = {}
    for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form):
        if name != "csrfmiddlewaretoken":
            data.setdefault(name, []).append(html_lib.unescape(value))
    return data


def merge_url(code="T68"):
    return reverse("unit_merge", args=[code])


def test_dry_run_shows_the_plan_and_writes_nothing(client, organizer, communes):
    client.force_login(organizer)

    response = client.post(merge_url(), MERGE)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Xác nhận thay đổi" in html
    assert "Đoàn xã An Bình" in html and "Lê Thị An" in html
    assert "Đơn vị ngừng hoạt động (2)" in html
    assert request_key(html)
    assert not UnitChange.objects.exists()
    assert not OrgUnit.objects.filter(code="X24100").exists()
    assert OrgUnit.objects.get(code="X24001").is_active


def test_confirm_applies_and_a_double_click_applies_once(client, organizer, communes):
    client.force_login(organizer)
    confirmed = confirm_data(client.post(merge_url(), MERGE).content.decode())
    assert confirmed["sources"] == ["X24001", "X24002"] and confirmed["confirm"] == ["1"]

    first = client.post(merge_url(), confirmed)
    second = client.post(merge_url(), confirmed)

    assert first.status_code == 302 and first.url == reverse("unit_changes", args=["T68"])
    assert second.status_code == 302
    assert UnitChange.objects.count() == 1
    assert UnitVersion.objects.count() == 2
    new = OrgUnit.objects.get(code="X24100")
    assert Cadre.objects.get(pk=communes["cadre"].pk).unit == new
    assert new.cadres.get().posts.filter(unit=new).count() == 1


def test_audit_log_lists_the_change_for_organizer_and_viewer(client, organizer, viewer, communes):
    client.force_login(organizer)
    key = request_key(client.post(merge_url(), MERGE).content.decode())
    client.post(merge_url(), {**MERGE, "confirm": "1", "request_key": key})

    for user in (organizer, viewer):
        client.force_login(user)
        html = client.get(reverse("unit_changes", args=["T68"])).content.decode()
        assert "Sáp nhập" in html and "01/07/2025" in html and "NQ 1656/NQ-UBTVQH15" in html
        assert "Đoàn xã An Nhơn (X24001)" in html


def test_dissolved_unit_page_links_its_successor(client, organizer, communes):
    client.force_login(organizer)
    key = request_key(client.post(merge_url(), MERGE).content.decode())
    client.post(merge_url(), {**MERGE, "confirm": "1", "request_key": key})

    old = client.get(reverse("unit_detail", args=["X24001"])).content.decode()
    new = client.get(reverse("unit_detail", args=["X24100"])).content.decode()

    assert "đã sáp nhập vào" in old and reverse("unit_detail", args=["X24100"]) in old
    assert "Tiếp nhận" in new and "Đoàn xã An Nhơn" in new


def test_other_province_gets_404_and_codes_outside_scope_read_as_unknown(
    client, organizer, other_organizer, communes
):
    client.force_login(other_organizer)
    assert client.post(merge_url(), MERGE).status_code == 404
    assert client.get(reverse("unit_changes", args=["T68"])).status_code == 404

    client.force_login(organizer)
    response = client.post(
        reverse("unit_move", args=["X24001"]), {"new_parent": "T01", "effective_on": "01/07/2025"}
    )
    assert "Không có đơn vị mã “T01” trong phạm vi của bạn." in response.content.decode()
    assert not UnitChange.objects.exists()


def test_viewer_cannot_restructure(client, viewer, communes):
    client.force_login(viewer)

    assert client.get(reverse("unit_restructure", args=["T68"])).status_code == 404
    assert client.post(merge_url(), MERGE).status_code == 404
    assert OrgUnit.objects.get(code="X24001").is_active


def test_province_organizer_cannot_open_the_central_merge_page(client, organizer, communes):
    client.force_login(organizer)

    assert client.post(merge_url("TW"), {**MERGE, "sources": ["T68", "T01"]}).status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"effective_on": "01/07/2999"}, "ở tương lai"),
        ({"effective_on": "31/02/2025"}, "dd/mm/yyyy"),
        ({"effective_on": "01/01/0001"}, "quá xa trong quá khứ"),
        ({"into": "X24001", "sources": ["X24001"]}, "vào chính nó"),
        ({"new_code": "X24000"}, "đã được dùng"),
        ({"into": "ZZZ"}, "Không có đơn vị mã “ZZZ”"),
    ],
)
def test_bad_input_shows_a_vietnamese_error_and_writes_nothing(
    client, organizer, communes, data, message
):
    client.force_login(organizer)

    response = client.post(merge_url(), {**MERGE, **data})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Xác nhận thay đổi" not in response.content.decode()
    assert not UnitChange.objects.exists()


def test_split_form_parses_lines_and_reports_bad_ones(client, organizer, communes):
    client.force_login(organizer)
    url = reverse("unit_split", args=["X24001"])
    cadre = communes["cadre"]

    bad = client.post(url, {"parts": "X24011", "effective_on": "01/07/2025"})
    good = client.post(
        url,
        {"parts": f"X24011 | Đoàn xã An Nhơn Bắc | | {cadre.code}", "effective_on": "01/07/2025"},
    )

    assert "Dòng 1: cần “mã | tên”" in bad.content.decode()
    assert "Lê Thị An" in good.content.decode() and "Xác nhận thay đổi" in good.content.decode()
    assert not OrgUnit.objects.filter(code="X24011").exists()


def test_rename_and_move_pages_apply_after_confirm(client, tree, communes):
    central = UserFactory()
    grant(central, "organizer", tree["central"])
    client.force_login(central)
    url = reverse("unit_rename", args=["X24002"])
    data = {"new_name": "Đoàn xã Bình Lợi Mới", "effective_on": "01/07/2025"}
    key = request_key(client.post(url, data).content.decode())
    client.post(url, {**data, "confirm": "1", "request_key": key})

    url = reverse("unit_move", args=["X24002"])
    data = {"new_parent": "T01", "effective_on": "02/07/2025"}
    key = request_key(client.post(url, data).content.decode())
    client.post(url, {**data, "confirm": "1", "request_key": key})

    unit = OrgUnit.objects.get(code="X24002")
    assert unit.name == "Đoàn xã Bình Lợi Mới"
    assert unit.get_parent().code == "T01"
    assert UnitChange.objects.count() == 2
