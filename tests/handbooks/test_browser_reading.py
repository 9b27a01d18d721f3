"""A cadre reads a handbook on a phone, saves it, reads it offline and downloads the PDF."""

import re

import pytest

from handbooks.models import ChapterPage, HandbookPdf
from tests.conftest import needs_chromium
from tests.factories import make_handbook

pytestmark = [pytest.mark.browser, needs_chromium]


def test_cadre_reads_saves_reads_offline_and_downloads_the_pdf(
    live_server, phone, django_capture_on_commit_callbacks
):
    from playwright.sync_api import expect

    with django_capture_on_commit_callbacks(execute=True):
        handbook = make_handbook(chapters=3)
    assert HandbookPdf.objects.filter(handbook=handbook).exclude(file="").exists()
    chapters = list(ChapterPage.objects.child_of(handbook).order_by("path"))
    # A service worker needs a secure context: http://localhost is one, 127.0.0.1 may not be.
    base = live_server.url.replace("127.0.0.1", "localhost")
    page = phone.new_page()

    # Chapter 1, then chapter 2 through the handbook's table of contents.
    page.goto(base + chapters[0].url)
    expect(page.locator("h1")).to_have_text(chapters[0].title)
    page.locator("details.toc-box summary").click()
    page.locator("details.toc-box nav.toc a", has_text=chapters[1].title).click()
    page.wait_for_url(re.compile(re.escape(chapters[1].url) + "$"))
    expect(page.locator("h1")).to_have_text(chapters[1].title)
    expect(page.locator("nav.toc [aria-current=page]")).to_contain_text(chapters[1].title)

    # Back to the handbook: save it for offline reading.
    page.locator(".crumbs a").click()
    page.wait_for_url(re.compile(re.escape(handbook.url) + "$"))
    save = page.get_by_role("button", name="Lưu để đọc ngoại tuyến")
    expect(save).to_be_visible()
    save.click()
    expect(page.locator("[data-offline-status]")).to_have_text("Đã lưu để đọc ngoại tuyến")

    # The server's copy changes after saving: what is read offline must be the saved copy.
    ChapterPage.objects.filter(pk=chapters[2].pk).update(title="Đổi tên sau khi lưu")

    phone.set_offline(True)
    response = page.goto(base + chapters[2].url)
    assert response is not None and response.ok
    assert response.from_service_worker
    expect(page.locator("h1")).to_have_text(chapters[2].title)
    expect(page.locator("[data-offline-banner]")).to_be_visible()
    # A page never saved gets the offline page, which links to the saved handbook.
    page.goto(base + "/cam-nang/chua-luu/")
    expect(page.locator(f"a[href='{handbook.url}']")).to_be_visible()

    # Back online: the PDF is a one-tap download.
    phone.set_offline(False)
    page.goto(base + handbook.url)
    expect(page.locator("[data-offline-banner]")).to_be_hidden()
    with page.expect_download() as download_info:
        page.locator("a[download]", has_text="PDF").click()
    download = download_info.value
    assert download.suggested_filename == f"{handbook.slug}.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
