"""On a phone: an organizer issues certificates to a class, a cadre downloads theirs from
“my certificates”, and a visitor verifies it by typing the code printed on it."""

import re

import pytest

from certificates.models import Certificate, IssueBatch
from certificates.services.faces import display_code
from tests.browser import fits_the_phone, log_in
from tests.certificates.helpers import pdf_text
from tests.conftest import needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]


def test_issue_for_a_class_download_and_verify_on_a_phone(
    live_server, phone, templates, organizer, class_ld, learner, fresh_cache
):
    from playwright.sync_api import expect

    base = live_server.url
    page = phone.new_page()

    # The organizer opens the class, previews and confirms issuance.
    log_in(page, base, organizer.email)
    page.goto(f"{base}/classes/{class_ld.pk}/")
    page.get_by_role("link", name="Cấp giấy chứng nhận").click()
    page.wait_for_url(re.compile(rf"/chung-nhan/lop/{class_ld.pk}/$"))
    expect(page.locator("table.candidates")).to_contain_text("Chưa được xác nhận hoàn thành lớp.")
    assert fits_the_phone(page)
    page.get_by_role("button", name="Xác nhận cấp 3 giấy chứng nhận").click()
    expect(page.locator(".messages")).to_contain_text("Đã cấp 3 giấy chứng nhận")
    expect(page.get_by_role("link", name="PDF cả lớp")).to_be_visible()
    assert fits_the_phone(page)
    assert IssueBatch.objects.get().issued_count == 3
    certificate = Certificate.objects.get(cadre__user=learner)

    # The cadre finds it under “my certificates” and downloads the PDF.
    log_in(page, base, learner.email)
    page.get_by_role("link", name="Giấy chứng nhận của tôi").first.click()
    page.wait_for_url(re.compile(r"/chung-nhan/cua-toi/$"))
    item = page.locator(f"li[data-code='{certificate.code}']")
    expect(item).to_contain_text(certificate.serial)
    expect(item.locator(".cert-status")).to_have_text(re.compile("Còn hiệu lực"))
    assert fits_the_phone(page)
    with page.expect_download() as info:
        item.get_by_role("link", name="Tải PDF").click()
    download = info.value
    assert download.suggested_filename.startswith("giay-chung-nhan-")
    with open(download.path(), "rb") as handle:
        assert "Nguyễn Thị Hoa" in pdf_text(handle.read())

    # A visitor, not logged in, types the code as printed, in lower case.
    page.context.clear_cookies()
    page.goto(f"{base}/verify/")
    page.get_by_label("Mã xác minh").fill(display_code(certificate.code).lower())
    page.get_by_role("button", name="Xác minh").click()
    page.wait_for_url(re.compile(rf"/verify/{certificate.code}/$"))
    expect(page.locator(".verdict")).to_contain_text("Giấy chứng nhận hợp lệ")
    expect(page.locator(".facts")).to_contain_text("Nguyễn Thị Hoa")
    expect(page.locator(".facts")).to_contain_text("Tỉnh Đoàn Lâm Đồng")
    assert fits_the_phone(page)
