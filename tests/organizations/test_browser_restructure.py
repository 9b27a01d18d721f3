"""A province organizer merges two communes on a phone: plan first, then the audit log."""

import re

import pytest

from organizations.models import OrgUnit, UnitChange
from tests.browser import fits_the_phone, log_in
from tests.conftest import needs_chromium
from tests.factories import CadreFactory, unit_child

pytestmark = [pytest.mark.browser, needs_chromium]

NOTE = "Nghị quyết số 1656/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội"


def test_organizer_merges_two_communes_after_reading_the_plan_on_a_phone(
    live_server, phone, tree, organizer
):
    from playwright.sync_api import expect

    a = unit_child(tree["lam_dong"], "X24001", "Đoàn xã An Nhơn")
    unit_child(tree["lam_dong"], "X24002", "Đoàn xã Bình Lợi")
    CadreFactory(unit=a, full_name="Nguyễn Thị Phương Thảo Hoàng Lan")
    page = phone.new_page()
    log_in(page, live_server.url, organizer.email)

    page.goto(f"{live_server.url}/units/T68/")
    page.get_by_role("link", name="Thay đổi cơ cấu", exact=True).click()
    page.get_by_role("link", name="Sáp nhập các đơn vị trực thuộc").click()
    page.wait_for_url(re.compile(r"/units/T68/restructure/merge/$"))
    assert fits_the_phone(page)
    page.get_by_label("Đoàn xã An Nhơn (X24001)").check()
    page.get_by_label("Đoàn xã Bình Lợi (X24002)").check()
    page.get_by_label("Mã đơn vị mới").fill("X24100")
    page.get_by_label("Tên đơn vị mới").fill("Đoàn xã An Bình")
    page.get_by_label("Có hiệu lực từ ngày (dd/mm/yyyy)").fill("01/07/2025")
    page.get_by_label("Căn cứ (số quyết định)").fill(NOTE)
    page.get_by_role("button", name="Xem trước thay đổi").click()

    expect(page.get_by_text("Xem trước — chưa có gì thay đổi.")).to_be_visible()
    plan = page.locator(".plan")
    expect(plan).to_contain_text("Đơn vị ngừng hoạt động (2)")
    expect(plan).to_contain_text("Đoàn xã An Nhơn (X24001) — sáp nhập vào Đoàn xã An Bình")
    expect(plan).to_contain_text("Nguyễn Thị Phương Thảo Hoàng Lan")
    assert fits_the_phone(page)
    assert not UnitChange.objects.exists()

    page.get_by_role("button", name="Xác nhận thay đổi").click()
    page.wait_for_url(re.compile(r"/units/T68/changes/$"))
    expect(page.get_by_text("Đã áp dụng thay đổi cơ cấu.")).to_be_visible()
    change = page.locator("section.change").first
    expect(change.locator("h2")).to_contain_text("Sáp nhập · hiệu lực từ 01/07/2025")
    expect(change).to_contain_text(NOTE)
    change.get_by_text("Chi tiết thay đổi").click()
    expect(change.locator(".plan")).to_contain_text("Đoàn xã Bình Lợi (X24002)")
    assert fits_the_phone(page)

    page.goto(f"{live_server.url}/units/X24001/")
    expect(page.get_by_text("Đơn vị đã ngừng hoạt động từ ngày 01/07/2025")).to_be_visible()
    page.get_by_role("link", name="Đoàn xã An Bình").first.click()
    page.wait_for_url(re.compile(r"/units/X24100/$"))
    assert fits_the_phone(page)
    assert UnitChange.objects.count() == 1
    assert OrgUnit.objects.get(code="X24001").successor.code == "X24100"
