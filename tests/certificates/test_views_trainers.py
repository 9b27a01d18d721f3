"""The trainer registry and gap pages: lists, filters, XLSX, bad input and permissions."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from certificates import views_trainers
from organizations.models import Role
from tests.certificates.trainer_helpers import certify
from tests.courses.cascade_helpers import CascadeBuilder, refresh
from tests.factories import CadreFactory, UserFactory, grant, unit_child

pytestmark = pytest.mark.django_db

TRAINERS = "certificates:trainers"
GAPS = "certificates:trainer_gaps"


def person(unit, name):
    return CadreFactory(unit=unit, full_name=name)


@pytest.fixture
def net(templates, tree):
    """Lâm Đồng: Lan (active, taught a ToT class with Minh), Minh (uncertified, teaches
    later), Ngọc (expired, never taught); Hà Nội: Hùng (active) and Khôi (trained
    nothing)."""
    build = CascadeBuilder(tree["lam_dong"])
    lan = person(tree["commune"], "Nguyễn Thị Lan")
    minh = person(tree["commune"], "Đặng Văn Minh")
    ngoc = person(tree["commune"], "Bùi Thị Ngọc")
    hung = person(tree["commune_hn"], "Trương Văn Hùng")
    khoi = person(tree["commune_hn"], "Tạ Văn Khôi")
    certify(lan, tree["lam_dong"], ends_in=500)
    certify(ngoc, tree["lam_dong"], ends_in=-20)
    certify(hung, tree["ha_noi"], ends_in=20)
    certify(khoi, tree["ha_noi"], ends_in=800)
    build.klass([lan], [minh, *build.people(2, unit=tree["commune"])], start=0)
    build.klass([minh], build.people(3, unit=tree["commune"]), start=30, tot=False)
    build.klass(
        [hung], [person(tree["commune_hn"], "Lưu Thị Học Viên")], start=5, unit=tree["ha_noi"]
    )
    refresh()
    return {"lan": lan, "minh": minh, "ngoc": ngoc, "hung": hung, "khoi": khoi}


def cadres_on(response) -> set[str]:
    return {row.cadre.code for row in response.context["rows"]}


def read_xlsx(response) -> dict[str, list[tuple]]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


# --- Registry ---------------------------------------------------------------------------


def test_registry_lists_the_organizers_trainers_with_status_and_counts(client, organizer, net):
    client.force_login(organizer)
    response = client.get(reverse(TRAINERS))

    assert response.status_code == 200
    assert cadres_on(response) == {net["lan"].code, net["minh"].code, net["ngoc"].code}
    html = response.text
    assert "3 tập huấn viên" in html
    assert "Nguyễn Thị Lan" in html and "Giảng viên cấp tỉnh" in html
    assert "Chưa được chứng nhận" in html and "Hết hạn" in html
    lan = next(r for r in response.context["rows"] if r.cadre == net["lan"])
    assert (lan.classes, lan.trained, lan.reach) == (1, 3, 6)


def test_each_trainer_links_to_their_cascade_page(client, organizer, net):
    client.force_login(organizer)
    url = reverse("cascade_trainer", args=[net["lan"].code])
    assert f'href="{url}"' in client.get(reverse(TRAINERS)).text
    assert client.get(url).status_code == 200


def test_registry_filters_by_name_level_status_and_unit(client, tree, organizer, net):
    client.force_login(organizer)
    url = reverse(TRAINERS)

    assert cadres_on(client.get(url, {"q": "dang van"})) == {net["minh"].code}
    assert cadres_on(client.get(url, {"status": "expired"})) == {net["ngoc"].code}
    assert cadres_on(client.get(url, {"status": "uncertified"})) == {net["minh"].code}
    assert cadres_on(client.get(url, {"level": "provincial", "status": "active"})) == {
        net["lan"].code
    }
    assert cadres_on(client.get(url, {"level": "central"})) == set()
    quiet = unit_child(tree["lam_dong"], "X24002", "Đoàn xã Yên Tĩnh")
    response = client.get(url, {"unit": quiet.code})
    assert response.status_code == 200 and cadres_on(response) == set()
    assert "Đoàn xã Yên Tĩnh" in response.text


def test_a_bad_filter_is_named_and_left_out_not_shown_as_applied(client, organizer, net):
    client.force_login(organizer)
    response = client.get(reverse(TRAINERS), {"status": "bogus", "level": "provincial"})

    assert response.status_code == 400
    assert "Không có tình trạng “bogus”." in response.text
    assert "Bộ lọc không hợp lệ, đã bỏ qua" in response.text
    # The valid filter still applies; the bad one is not selected in the form.
    assert cadres_on(response) == {net["lan"].code, net["ngoc"].code}
    form = BeautifulSoup(response.text, "html.parser")
    selected = {
        name: [o["value"] for o in form.find("select", {"name": name}).find_all(selected=True)]
        for name in ("status", "level")
    }
    assert selected["level"] == ["provincial"]
    assert selected["status"] in ([], [""])
    bad_level = client.get(reverse(TRAINERS), {"level": "vip"})
    assert bad_level.status_code == 400 and "Không có cấp giảng viên “vip”." in bad_level.text


def test_a_unit_outside_the_scope_is_refused_like_an_unknown_one(client, tree, organizer, net):
    client.force_login(organizer)
    outside = client.get(reverse(TRAINERS), {"unit": tree["ha_noi"].code})
    unknown = client.get(reverse(TRAINERS), {"unit": "KHONGCO"})

    assert outside.status_code == unknown.status_code == 400
    assert "Không tìm thấy đơn vị “T01” trong phạm vi của bạn." in outside.text
    assert "Không tìm thấy đơn vị “KHONGCO” trong phạm vi của bạn." in unknown.text
    assert net["hung"].code not in cadres_on(outside)
    assert "Trương Văn Hùng" not in outside.text


def test_registry_is_paged_and_keeps_the_filters(client, organizer, net, monkeypatch):
    monkeypatch.setattr(views_trainers, "PAGE_SIZE", 2)
    client.force_login(organizer)
    first = client.get(reverse(TRAINERS), {"q": "n"})
    second = client.get(reverse(TRAINERS), {"q": "n", "page": 2})

    assert "Trang 1/2" in first.text and "q=n&amp;page=2" in first.text
    assert "Trang 2/2" in second.text
    assert len(cadres_on(first)) == 2 and len(cadres_on(second)) == 1
    assert cadres_on(first) | cadres_on(second) == {
        net["lan"].code,
        net["minh"].code,
        net["ngoc"].code,
    }


def test_registry_xlsx_holds_the_filtered_rows_with_vietnamese_headers(client, organizer, net):
    client.force_login(organizer)
    response = client.get(reverse("certificates:trainers_xlsx"), {"status": "active"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment;" in response["Content-Disposition"]
    sheets = read_xlsx(response)
    rows = sheets["Giảng viên"]
    assert rows[0][:4] == ("Mã cán bộ", "Họ và tên", "Đơn vị", "Cấp giảng viên")
    assert "Tổng số cán bộ lan toả" in rows[0]
    assert [r[1] for r in rows[1:]] == ["Nguyễn Thị Lan"]
    lan = rows[1]
    assert lan[3] == "Giảng viên cấp tỉnh" and lan[6] == "Còn hiệu lực"
    assert lan[7:10] == (1, 3, 6) and lan[10] == datetime.date(2024, 1, 1).strftime("%d/%m/%Y")


def test_registry_xlsx_refuses_a_bad_filter(client, organizer, net):
    client.force_login(organizer)
    response = client.get(reverse("certificates:trainers_xlsx"), {"status": "bogus"})
    assert response.status_code == 400
    assert "Không có tình trạng “bogus”." in response.content.decode()


# --- Gaps -------------------------------------------------------------------------------


def test_gap_page_shows_the_three_lists(client, tree, organizer, net):
    quiet = unit_child(tree["lam_dong"], "X24003", "Đoàn xã Vắng Vẻ")
    client.force_login(organizer)
    response = client.get(reverse(GAPS))

    assert response.status_code == 200
    gaps = response.context["gaps"]
    assert [g.unit for g in gaps.units] == [quiet]
    assert [row.cadre for row in gaps.idle] == [net["ngoc"]]
    assert [(g.trainer.cadre, g.reason) for g in gaps.lapsed] == [(net["minh"], "uncertified")]
    html = response.text
    assert "Đoàn xã Vắng Vẻ" in html and "Bùi Thị Ngọc" in html and "Đặng Văn Minh" in html
    assert "Chưa được chứng nhận" in html
    assert '<span class="cert-status expired">Hết hạn</span>' in html  # Ngọc, idle


def test_gap_page_filters_by_unit_level_and_refuses_a_bad_level(client, tree, organizer, net):
    client.force_login(organizer)
    grassroots = client.get(reverse(GAPS), {"level": "grassroots"})
    assert grassroots.status_code == 200 and grassroots.context["gaps"].units == []
    bad = client.get(reverse(GAPS), {"level": "galaxy"})
    assert bad.status_code == 400 and "Không có cấp đơn vị “galaxy”." in bad.text
    xlsx = client.get(reverse("certificates:trainer_gaps_xlsx"), {"level": "galaxy"})
    assert xlsx.status_code == 400


def test_gap_xlsx_has_a_sheet_per_list(client, tree, organizer, net):
    unit_child(tree["lam_dong"], "X24004", "Đoàn xã Xa Xôi")
    client.force_login(organizer)
    response = client.get(reverse("certificates:trainer_gaps_xlsx"))

    assert response.status_code == 200
    sheets = read_xlsx(response)
    assert list(sheets) == [
        "Đơn vị chưa có giảng viên",
        "Chưa dạy lớp nào",
        "Dạy khi chưa có chứng nhận",
    ]
    assert sheets["Đơn vị chưa có giảng viên"][1][:2] == ("X24004", "Đoàn xã Xa Xôi")
    idle = sheets["Chưa dạy lớp nào"]
    assert idle[0][:3] == ("Mã cán bộ", "Họ và tên", "Đơn vị")
    assert [r[1] for r in idle[1:]] == ["Bùi Thị Ngọc"]
    lapsed = sheets["Dạy khi chưa có chứng nhận"]
    assert [(r[1], r[6]) for r in lapsed[1:]] == [("Đặng Văn Minh", "Chưa được chứng nhận")]


# --- Permissions ------------------------------------------------------------------------


def test_ha_noi_and_lam_dong_organizers_never_see_each_others_trainers(
    client, organizer, other_organizer, net
):
    client.force_login(other_organizer)
    hn = client.get(reverse(TRAINERS))
    hn_gaps = client.get(reverse(GAPS))
    hn_xlsx = read_xlsx(client.get(reverse("certificates:trainers_xlsx")))
    assert cadres_on(hn) == {net["hung"].code, net["khoi"].code}
    for name in ("Nguyễn Thị Lan", "Đặng Văn Minh", "Bùi Thị Ngọc"):
        assert name not in hn.text and name not in hn_gaps.text
    assert "Nguyễn Thị Lan" not in str(hn_xlsx)

    client.force_login(organizer)
    ld = client.get(reverse(TRAINERS))
    ld_gaps = client.get(reverse(GAPS))
    assert net["hung"].code not in cadres_on(ld)
    for name in ("Trương Văn Hùng", "Tạ Văn Khôi"):
        assert name not in ld.text and name not in ld_gaps.text
    assert "Trương Văn Hùng" not in str(
        read_xlsx(client.get(reverse("certificates:trainers_xlsx")))
    )


def test_programme_viewer_sees_their_own_subtree(client, tree, viewer, net):
    client.force_login(viewer)
    response = client.get(reverse(TRAINERS))
    assert response.status_code == 200
    assert cadres_on(response) == {net["lan"].code, net["minh"].code, net["ngoc"].code}

    central = UserFactory(email="theodoi.tw@example.vn")
    grant(central, Role.PROGRAMME_VIEWER, tree["central"])
    client.force_login(central)
    assert cadres_on(client.get(reverse(TRAINERS))) == {
        net[name].code for name in ("lan", "minh", "ngoc", "hung", "khoi")
    }


@pytest.mark.parametrize(
    "name",
    ["certificates:trainers", "certificates:trainers_xlsx", GAPS, "certificates:trainer_gaps_xlsx"],
)
def test_a_learner_is_refused_and_a_visitor_sent_to_log_in(client, learner, name):
    assert client.get(reverse(name)).status_code == 302
    assert "/accounts/login/" in client.get(reverse(name))["Location"]
    client.force_login(learner)
    assert client.get(reverse(name)).status_code == 403
