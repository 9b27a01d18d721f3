"""On a phone, a programme viewer opens a master trainer's cascade, unfolds the tree and
drills into a generation."""

import re

import pytest

from courses.services.cascade import cascade_rebuild_all
from tests.browser import fits_the_phone, log_in
from tests.conftest import needs_chromium
from tests.courses.cascade_view_helpers import HUNG, LAN_ANH, MASTER, MY_LINH, SON, build_cascade

pytestmark = [pytest.mark.browser, needs_chromium]


def test_viewer_opens_a_master_trainers_cascade_and_a_generation_on_a_phone(
    live_server, phone, tree, viewer
):
    from playwright.sync_api import expect

    cascade = build_cascade(tree, compute=cascade_rebuild_all)
    base = live_server.url
    page = phone.new_page()
    log_in(page, base, viewer.email)

    # The cascade home leads to the viewer's province, which lists its lead trainers.
    page.goto(f"{base}/lan-toa/")
    page.wait_for_url(re.compile(r"/lan-toa/don-vi/T68/$"))
    assert fits_the_phone(page)
    page.locator("table.leads").get_by_role("link", name=MASTER).click()
    page.wait_for_url(re.compile(rf"/lan-toa/tap-huan-vien/{cascade.master.code}/$"))
    expect(page.locator("h1")).to_have_text(MASTER)
    expect(page.locator("[data-figure=cadres]")).to_have_text("12")

    # The first two levels are open; the third unfolds on a tap.
    tree_box = page.locator("ul.tree")
    expect(tree_box.get_by_role("link", name=LAN_ANH)).to_be_visible()
    expect(tree_box).to_contain_text("Tập huấn viên — Đoàn phường Hoàn Kiếm")
    expect(tree_box).not_to_contain_text(HUNG)
    son = tree_box.get_by_role("link", name=SON)
    expect(son).to_be_hidden()
    my_linh = tree_box.locator("details", has=page.get_by_role("link", name=MY_LINH)).last
    my_linh.locator(":scope > summary .facts").click()
    expect(son).to_be_visible()
    assert fits_the_phone(page)

    # Generation 2 was flagged; its page lists its two classes.
    row = page.locator("table.generations tr[data-generation='2']")
    expect(row).to_contain_text("Giảm sút")
    row.get_by_role("link", name="Thế hệ 2").click()
    page.wait_for_url(re.compile(rf"/tap-huan-vien/{cascade.master.code}/the-he/2/$"))
    expect(page.locator("h1")).to_have_text("Thế hệ 2")
    rows = page.locator("table.classes tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text(cascade.classes["B"].code)
    expect(rows.nth(0)).to_contain_text(LAN_ANH)
    expect(rows.nth(1)).to_contain_text(cascade.classes["C"].code)
    expect(rows.nth(1)).to_contain_text("Tập huấn viên — Đoàn phường Hoàn Kiếm")
    assert fits_the_phone(page)
