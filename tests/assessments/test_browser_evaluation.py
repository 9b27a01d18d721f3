"""A commune fills and submits its scorecard on a phone; the province approves it and the
roll-up shows the result."""

import re

import pytest

from assessments.models import UnitEvaluation
from organizations.models import Role
from tests.browser import fits_the_phone, log_in
from tests.conftest import needs_chromium
from tests.factories import UserFactory, grant, make_round

pytestmark = [pytest.mark.browser, needs_chromium]


def test_commune_submits_on_a_phone_and_province_approves(live_server, phone, tree, organizer):
    from playwright.sync_api import expect

    round_ = make_round(title="Đánh giá thực trạng 2026")
    filler = UserFactory(email="bithu.quangkhe@example.vn")
    grant(filler, Role.ORGANIZER, tree["commune"])
    page = phone.new_page()

    log_in(page, live_server.url, filler.email)
    page.goto(f"{live_server.url}/danh-gia/thuc-trang/")
    page.get_by_role("link", name=round_.title).click()
    page.get_by_role("button", name="Bắt đầu tự đánh giá").click()
    for label, value in zip(
        page.locator("input.score-input").all(), ["8", "15,5", "7"], strict=True
    ):
        label.fill(value)
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu phiếu")

    page.locator("input[type=file]").set_input_files(
        {"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}
    )
    page.get_by_role("button", name="Tải lên").click()
    expect(page.locator(".messages")).to_contain_text("Đã thêm minh chứng “bien-ban.pdf”")
    assert fits_the_phone(page)
    page.get_by_role("button", name="Lưu và nộp phiếu").click()
    expect(page.locator(".messages")).to_contain_text("Đã nộp phiếu")
    expect(page.locator(".ev-status").first).to_have_text("Đã nộp, chờ duyệt")

    log_in(page, live_server.url, organizer.email)
    page.goto(f"{live_server.url}/danh-gia/thuc-trang/")
    page.get_by_role("link", name=tree["commune"].name).click()
    page.wait_for_url(re.compile(r"/duyet/$"))
    assert fits_the_phone(page)
    page.locator("textarea[name=comment]").fill("Đạt yêu cầu.")
    page.get_by_role("button", name="Duyệt phiếu").click()
    expect(page.locator(".messages")).to_contain_text("Đã duyệt phiếu")

    page.get_by_role("link", name=f"Tổng hợp {tree['lam_dong'].name}").first.click()
    expect(page.locator("h1")).to_contain_text(tree["lam_dong"].name)
    expect(page.locator(".figures")).to_contain_text("76,3%")  # 30.5 of 40
    assert fits_the_phone(page)
    assert UnitEvaluation.objects.get().status == UnitEvaluation.Status.APPROVED
