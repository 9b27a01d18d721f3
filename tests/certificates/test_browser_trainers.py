"""On a phone: an organizer filters the trainer registry, then reads the gap lists."""

import re

import pytest

from tests.browser import fits_the_phone, log_in
from tests.certificates.trainer_helpers import certify
from tests.conftest import needs_chromium
from tests.courses.cascade_helpers import CascadeBuilder, refresh
from tests.factories import CadreFactory

pytestmark = [pytest.mark.browser, needs_chromium]


def test_registry_and_gaps_on_a_phone(live_server, phone, templates, tree, organizer, fresh_cache):
    from playwright.sync_api import expect

    build = CascadeBuilder(tree["lam_dong"])
    lan = CadreFactory(unit=tree["commune"], full_name="Nguyễn Thị Phương Lan Anh")
    soon = CadreFactory(unit=tree["commune"], full_name="Võ Thị Sắp Hết Hạn")
    certify(lan, tree["lam_dong"], ends_in=500)
    certify(soon, tree["lam_dong"], ends_in=15)
    helper = CadreFactory(unit=tree["commune"], full_name="Đặng Văn Chưa Chứng Nhận")
    build.klass([lan], [helper, *build.people(3, unit=tree["commune"])], start=0)
    build.klass([helper], build.people(2, unit=tree["commune"]), start=30, tot=False)
    refresh()

    base = live_server.url
    page = phone.new_page()
    log_in(page, base, organizer.email)
    page.goto(f"{base}/chung-nhan/tap-huan-vien/")
    rows = page.locator("table.trainers tbody tr")
    expect(rows).to_have_count(3)
    expect(page.locator(f"tr[data-cadre='{lan.code}']")).to_contain_text("Còn hiệu lực")
    assert fits_the_phone(page)

    page.get_by_label("Tình trạng").select_option("expiring")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url(re.compile(r"status=expiring"))
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Võ Thị Sắp Hết Hạn")
    expect(rows.first).to_contain_text("Sắp hết hạn")
    assert fits_the_phone(page)

    page.get_by_role("link", name="Khoảng trống").click()
    page.wait_for_url(re.compile(r"/khoang-trong/"))
    idle = page.locator("#chua-day")
    expect(idle).to_contain_text("Võ Thị Sắp Hết Hạn")
    expect(idle.locator(".cert-status")).to_have_text("Sắp hết hạn")
    expect(page.locator("#het-han")).to_contain_text("Đặng Văn Chưa Chứng Nhận")
    assert fits_the_phone(page)
