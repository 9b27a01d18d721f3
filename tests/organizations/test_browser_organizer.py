"""The organizer's main flow on a phone-sized screen, in a real browser."""

import re

import pytest

from organizations.models import Cadre
from tests.conftest import needs_chromium

PASSWORD = "mat-khau-thu-nghiem-2025"  # UserFactory's password (tests/factories.py)

pytestmark = [pytest.mark.browser, needs_chromium]


def test_organizer_finds_and_edits_a_cadre_on_a_phone(
    live_server, phone, tree, organizer, cadre_ld
):
    phone_page = phone.new_page()
    from playwright.sync_api import expect

    phone_page.goto(f"{live_server.url}/accounts/login/")
    phone_page.locator("input[name=login]").fill(organizer.email)
    phone_page.locator("input[name=password]").fill(PASSWORD)
    phone_page.locator("input[name=password]").press("Enter")

    # /start/ sends an organizer to their unit; a single unit opens directly.
    phone_page.wait_for_url(re.compile(r"/units/T68/$"))
    expect(phone_page.locator("h1")).to_have_text("Tỉnh Đoàn Lâm Đồng")

    phone_page.get_by_role("searchbox").fill("Hoa")
    phone_page.locator("form.search button[type=submit]").click()
    phone_page.wait_for_url(re.compile(r"/units/T68/\?q=Hoa"))
    phone_page.get_by_role("link", name="Nguyễn Thị Hoa").click()

    phone_page.wait_for_url(re.compile(rf"/cadres/{cadre_ld.pk}/$"))
    expect(phone_page.locator("h1")).to_contain_text("Nguyễn Thị Hoa")
    phone_page.locator("input[name=phone]").fill("0912 345 678")
    phone_page.locator("input[name=title]").fill("Phó Bí thư Đoàn xã")
    phone_page.locator("form.card button[type=submit]").first.click()

    expect(phone_page.locator("ul.messages li.success")).to_have_text("Đã lưu thay đổi.")
    expect(phone_page.locator("input[name=phone]")).to_have_value("0912 345 678")

    cadre = Cadre.objects.get(pk=cadre_ld.pk)
    assert cadre.phone == "0912 345 678"
    assert cadre.posts.get(is_primary=True, end_date__isnull=True).title == "Phó Bí thư Đoàn xã"
