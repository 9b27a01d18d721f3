"""The page of old units (before 1 July 2025) landing in a unit, and its XLSX download."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from organizations.services import legacy_units_load, org_units_load_official
from tests.browser import fits_the_phone, log_in
from tests.conftest import needs_chromium
from tests.factories import unit_child

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(tree):
    """Bắc Gia Nghĩa (Lâm Đồng) and Láng (Hà Nội) in the tree, and the mapping loaded."""
    units = {
        "bac_gia_nghia": unit_child(tree["lam_dong"], "X24611", "Đoàn phường Bắc Gia Nghĩa"),
        "lang": unit_child(tree["ha_noi"], "X00187", "Đoàn phường Láng"),
    }
    legacy_units_load()
    return units


def page(client, code="T68", **params):
    return client.get(reverse("unit_legacy", args=[code]), params)


def codes(response) -> list[str]:
    return [row.code for row in response.context["page_obj"].object_list]


def test_organizer_sees_old_units_of_their_province(client, organizer, loaded):
    client.force_login(organizer)
    response = page(client)
    body = response.content.decode()

    assert response.status_code == 200
    assert codes(response)[:3] == ["60", "67", "68"]
    assert "Tỉnh Đắk Nông" in body
    assert "Thành phố Gia Nghĩa" in body
    assert response.context["page_obj"].paginator.count == 35  # 3 + 28 districts + 4 wards


def test_programme_viewer_sees_the_page_too(client, viewer, loaded):
    client.force_login(viewer)
    response = page(client, q="nghĩa đức")

    assert response.status_code == 200
    assert codes(response) == ["24611"]
    assert "Đoàn phường Bắc Gia Nghĩa" in response.content.decode()


def test_ward_page_lists_only_the_old_wards_merged_into_it(client, organizer, loaded):
    client.force_login(organizer)
    response = page(client, "X24611")

    assert response.status_code == 200
    assert codes(response) == ["24611", "24612", "24619", "24622"]


def test_search_matches_folded_names_of_ward_district_and_province(client, organizer, loaded):
    client.force_login(organizer)

    assert codes(page(client, q="NGHIA DUC")) == ["24611"]
    assert "24611" in codes(page(client, q="gia nghĩa", level="ward"))
    assert codes(page(client, q="đắk nông", level="province")) == ["67"]
    assert codes(page(client, q="không có nơi nào như thế")) == []


def test_level_filter_and_paging_over_the_whole_tree(client, organizer, tree):
    org_units_load_official()
    legacy_units_load()
    client.force_login(organizer)

    provinces = page(client, level="province")
    second = page(client, level="ward", page=2)
    beyond = page(client, level="ward", page="abc")

    assert codes(provinces) == ["60", "67", "68"]
    assert second.status_code == 200
    assert second.context["page_obj"].paginator.count > 300
    assert second.context["page_obj"].number == 2
    assert beyond.context["page_obj"].number == 1


def test_divided_ward_is_marked_with_a_note(client, other_organizer, loaded):
    client.force_login(other_organizer)
    response = page(client, "X00187")
    body = response.content.decode()

    assert codes(response) == ["00187", "00199"]
    assert "Phường Láng Hạ" in body
    assert "Đã chia tách" in body
    assert "quy về đơn vị mới mặc định" in body


def test_another_provinces_page_is_not_found(client, other_organizer, organizer, loaded):
    client.force_login(other_organizer)
    assert page(client, "T68").status_code == 404
    assert page(client, "X24611").status_code == 404
    assert client.get(reverse("unit_legacy_xlsx", args=["T68"])).status_code == 404

    client.force_login(organizer)
    assert page(client, "T01").status_code == 404
    assert page(client, "X00187").status_code == 404


def test_learner_and_anonymous_get_nothing(client, learner, loaded):
    anonymous = page(client)
    assert anonymous.status_code == 302
    assert reverse("account_login") in anonymous["Location"]

    client.force_login(learner)
    assert page(client).status_code == 404
    assert page(client, "X24000").status_code == 404


def test_bad_filters_are_named_and_left_out(client, organizer, loaded):
    client.force_login(organizer)
    wrong_level = page(client, level="xa")
    too_long = page(client, q="x" * 101)

    assert wrong_level.status_code == 400
    assert "Không có cấp “xa”" in wrong_level.content.decode()
    assert codes(wrong_level)[:3] == ["60", "67", "68"]  # the other filters still apply
    assert too_long.status_code == 400
    assert "Từ khoá dài quá 100 ký tự" in too_long.content.decode()


def test_xlsx_lists_the_filtered_old_units(client, other_organizer, loaded):
    client.force_login(other_organizer)
    response = client.get(reverse("unit_legacy_xlsx", args=["X00187"]))

    assert response.status_code == 200
    assert "don-vi-cu-X00187-" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:3] == ("Cấp", "Mã cũ", "Tên đơn vị cũ")
    assert [row[1] for row in rows[1:]] == ["00187", "00199"]  # leading zeros kept as text
    lang_ha = rows[2]
    assert lang_ha[2:7] == (
        "Phường Láng Hạ",
        "Quận Đống Đa",
        "Thành phố Hà Nội",
        "X00187",
        "Đoàn phường Láng",
    )
    assert "chia tách" in lang_ha[7]


def test_xlsx_with_a_bad_filter_gives_no_file(client, organizer, loaded):
    client.force_login(organizer)
    response = client.get(reverse("unit_legacy_xlsx", args=["T68"]), {"level": "huyen"})

    assert response.status_code == 400
    assert "Không có cấp “huyen”" in response.content.decode()


def test_unit_page_links_to_the_old_units(client, organizer, loaded):
    client.force_login(organizer)
    response = client.get(reverse("unit_detail", args=["T68"]))

    assert reverse("unit_legacy", args=["T68"]) in response.content.decode()


@pytest.mark.browser
@needs_chromium
def test_old_units_page_fits_a_phone(live_server, phone, organizer, loaded):
    browser_page = phone.new_page()
    log_in(browser_page, live_server.url, organizer.email)
    browser_page.goto(f"{live_server.url}{reverse('unit_legacy', args=['T68'])}?q=gia+nghia")

    assert browser_page.locator("h1").inner_text() == "Đơn vị cũ (trước 01/7/2025)"
    assert browser_page.locator("tr[data-code='24611']").count() == 1
    assert fits_the_phone(browser_page)
