"""On a phone, a central programme viewer drills down from the national indicators to a
commune."""

import re

import pytest

from tests.browser import fits_the_phone, log_in
from tests.conftest import needs_chromium
from tests.indicators.conftest import refresh

pytestmark = [pytest.mark.browser, needs_chromium]


def test_programme_viewer_drills_down_from_the_nation_to_a_commune_on_a_phone(
    live_server, phone, central_viewer, figures
):
    from playwright.sync_api import expect

    refresh()
    base = live_server.url
    page = phone.new_page()
    log_in(page, base, central_viewer.email)

    # The indicators home leads to the national dashboard.
    page.goto(f"{base}/chi-tieu/")
    page.wait_for_url(re.compile(r"/chi-tieu/don-vi/TW/$"))
    expect(page.locator("h1")).to_contain_text("Trung ương Đoàn TNCS Hồ Chí Minh")
    expect(page.locator(".ind-card[data-indicator=d] [data-figure=percent]")).to_have_text("50,0%")
    assert fits_the_phone(page)

    # A province from the table of child units…
    page.locator("table.children").get_by_role("link", name="Tỉnh Đoàn Lâm Đồng").click()
    page.wait_for_url(re.compile(r"/chi-tieu/don-vi/T68/$"))
    expect(page.locator("nav.crumbs")).to_contain_text("Trung ương Đoàn TNCS Hồ Chí Minh")
    assert fits_the_phone(page)

    # …then one of its communes.
    page.locator("table.children").get_by_role("link", name="Đoàn xã Quảng Khê").click()
    page.wait_for_url(re.compile(r"/chi-tieu/don-vi/X24000/$"))
    expect(page.locator("h1")).to_contain_text("Đoàn xã Quảng Khê")
    d = page.locator(".ind-card[data-indicator=d]")
    expect(d.locator("[data-figure=percent]")).to_have_text("66,7%")
    expect(d.locator("[data-figure=fraction]")).to_contain_text("2/3")
    b = page.locator(".ind-card[data-indicator=b]")
    expect(b.locator("[data-figure=percent]")).to_have_text("60,0%")
    expect(page.locator("table.children")).to_contain_text("Chi đoàn thôn Quảng Lợi")
    assert fits_the_phone(page)

    # The commune's targets, read-only for a viewer, fit the phone too.
    page.get_by_role("link", name="Chỉ tiêu của đơn vị").click()
    page.wait_for_url(re.compile(r"/chi-tieu/don-vi/X24000/chi-tieu/$"))
    expect(page.locator("table.targets tr[data-indicator=d] td[data-year='2030']")).to_contain_text(
        "100%"
    )
    assert fits_the_phone(page)
