"""An organizer imports a cadre list on a phone: errors first, then the fixed file."""

import re

import pytest

from organizations.models import Cadre
from tests.browser import fits_the_phone, log_in
from tests.conftest import needs_chromium
from tests.factories import CADRE_HEADERS, cadre_row, xlsx_upload

pytestmark = [pytest.mark.browser, needs_chromium]


def _file(tmp_path, name, rows):
    path = tmp_path / name
    path.write_bytes(xlsx_upload(CADRE_HEADERS, rows).read())
    return str(path)


def test_organizer_fixes_a_cadre_file_and_imports_it_on_a_phone(
    live_server, phone, tree, organizer, tmp_path
):
    from playwright.sync_api import expect

    page = phone.new_page()
    log_in(page, live_server.url, organizer.email)
    page.goto(f"{live_server.url}/units/T68/")
    page.get_by_role("link", name="Nhập/xuất cán bộ").click()
    page.wait_for_url(re.compile(r"/units/T68/import/cadres/$"))
    assert fits_the_phone(page)

    bad = _file(
        tmp_path, "sai.xlsx", [cadre_row(full_name="Lê Văn Minh", date_of_birth="31/02/1995")]
    )
    page.locator("input[type=file]").set_input_files(bad)
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    page.wait_for_url(re.compile(r"/imports/\d+/$"))
    table = page.locator("table.errors")
    expect(table).to_contain_text("Ngày sinh (dd/mm/yyyy)")
    expect(table).to_contain_text("Ngày không hợp lệ, cần dd/mm/yyyy.")
    expect(table.locator("tbody td").first).to_have_text("2")
    assert fits_the_phone(page)
    assert Cadre.objects.count() == 0

    page.get_by_role("link", name="Tải lên tệp đã sửa").click()
    good = _file(
        tmp_path, "dung.xlsx", [cadre_row(full_name="Lê Văn Minh", date_of_birth="28/02/1995")]
    )
    page.locator("input[type=file]").set_input_files(good)
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    page.get_by_role("button", name="Xác nhận nhập").click()
    expect(page.locator(".summary h2")).to_have_text("Đã nhập xong")
    expect(page.locator(".summary .counts li").first).to_contain_text("1")
    assert fits_the_phone(page)
    assert Cadre.objects.get().full_name == "Lê Văn Minh"
