"""The organizer's main flow on a phone-sized screen, in a real browser."""

import os
import re
from pathlib import Path

import pytest

from organizations.models import Cadre

CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "mat-khau-thu-nghiem-2025"  # UserFactory's password (tests/factories.py)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's Chromium (/usr/bin/chromium) is not installed: apt-get install chromium",
    ),
]


@pytest.fixture
def phone_page():
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; Django must still allow the
    # test's own ORM calls.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=str(CHROMIUM),
                args=[
                    "--no-sandbox",
                    "--headless",
                    "--disable-gpu",
                    "--disable-background-networking",
                ],
            )
            context = browser.new_context(
                viewport={"width": 360, "height": 740}, locale="vi-VN", is_mobile=True
            )
            context.set_default_timeout(15_000)
            yield context.new_page()
            context.close()
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def test_organizer_finds_and_edits_a_cadre_on_a_phone(
    live_server, phone_page, tree, organizer, cadre_ld
):
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
