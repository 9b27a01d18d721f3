"""The handbook PDF: rendered by the Celery task after publishing (never in a request),
typeset with the fonts shipped in static/fonts, stored, served — and read back with pypdf."""

import io
import re
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from handbooks import pdf as handbook_pdf
from handbooks.models import ChapterPage, HandbookPdf, SectionPage
from handbooks.selectors import handbook_toc
from handbooks.services import handbook_fingerprint
from handbooks.tasks import handbook_pdf_render_task
from tests.factories import body, make_handbook, publish

pytestmark = pytest.mark.django_db

NOT_READY = "Bản PDF của cẩm nang đang được tạo; vui lòng thử lại sau ít phút."
FONTS_DIR = Path(settings.BASE_DIR) / "static" / "fonts"


def reader_of(record: HandbookPdf) -> PdfReader:
    with record.file.open("rb") as stored:
        return PdfReader(io.BytesIO(stored.read()))


def texts_of(reader: PdfReader) -> list[str]:
    """Each page's text with runs of whitespace (line breaks included) made one space."""
    return [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.fixture
def render_spy():
    """Counts the renders, which still run for real."""
    with mock.patch(
        "handbooks.pdf.render_handbook_pdf", wraps=handbook_pdf.render_handbook_pdf
    ) as spy:
        yield spy


@pytest.fixture
def built(django_capture_on_commit_callbacks, render_spy):
    """A handbook of 3 chapters × 2 sections, published page by page: the real path
    signal → on_commit → task (eager Celery in tests) → service → WeasyPrint → storage."""
    with django_capture_on_commit_callbacks(execute=True):
        handbook = make_handbook(chapters=3, sections=2)
    record = HandbookPdf.objects.get(handbook=handbook)
    return handbook, record


def test_publishing_renders_once_and_stores_the_pdf(built, render_spy):
    handbook, record = built
    # 1 handbook + 3 chapters + 6 sections published → 10 queued tasks, one render: the
    # later tasks find the fingerprint of the live revisions unchanged.
    assert render_spy.call_count == 1
    fingerprint = handbook_fingerprint(handbook=handbook)
    assert record.fingerprint == fingerprint
    assert record.file.name == f"handbooks/pdf/{handbook.slug}-{fingerprint[:12]}.pdf"
    content = record.file.open("rb").read()
    assert content.startswith(b"%PDF-")
    assert record.size == len(content)
    assert record.pages == len(PdfReader(io.BytesIO(content)).pages)


def test_pdf_has_every_chapter_and_section_and_exact_vietnamese(built):
    handbook, record = built
    reader = reader_of(record)
    text = " ".join(texts_of(reader))
    toc = handbook_toc(handbook=handbook)
    assert len(toc) == 3
    for chapter in toc:
        assert chapter.page.title in text
        assert len(chapter.children) == 2
        for section in chapter.children:
            assert section.page.title in text
    # Diacritics survive shaping, subsetting and extraction exactly (precomposed, NFC).
    assert "Nội dung chương 1 về huy động thanh niên." in text
    assert "huy động thanh niên" in text
    assert "Cẩm nang điều phối tình nguyện" in text
    # Cover: the programme line, the edition.
    assert "Quyết định 1481/QĐ-TTg" in texts_of(reader)[0]
    assert "Ấn bản 1" in texts_of(reader)[0]


def test_pdf_metadata_names_title_author_and_language(built):
    handbook, record = built
    reader = reader_of(record)
    assert reader.metadata.title == handbook.title
    assert reader.metadata.author == "Sức Trẻ"
    assert reader.trailer["/Root"]["/Lang"] == "vi"
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]  # tagged for screen readers
    # Bookmarks: the table of contents, then each chapter with its sections inside.
    outline = reader.outline
    assert outline[0].title == "Mục lục"
    assert outline[1].title == "1. Chương 1: Điều phối hoạt động tình nguyện"
    assert [item.title for item in outline[2]] == ["1.1 Mục 1.1", "1.2 Mục 1.2"]
    assert reader.get_destination_page_number(outline[1]) == 2


def test_toc_prints_the_page_where_each_chapter_and_section_starts(built):
    handbook, record = built
    reader = reader_of(record)
    texts = texts_of(reader)
    toc_lines = reader.pages[1].extract_text().splitlines()
    assert toc_lines[0] == "Mục lục"
    entries = [
        entry
        for chapter in handbook_toc(handbook=handbook)
        for entry in (chapter, *chapter.children)
    ]
    chapter_pages = []
    for entry in entries:
        pattern = rf"^{re.escape(entry.number)}\s+{re.escape(entry.page.title)}[\s.]*?(\d+)$"
        printed = [int(m[1]) for line in toc_lines if (m := re.match(pattern, line))]
        assert len(printed) == 1, (entry.page.title, toc_lines)
        # The first page after the cover and the table of contents that shows the title.
        index = next(i for i, t in enumerate(texts) if i >= 2 and entry.page.title in t)
        assert printed[0] == index + 1, entry.page.title
        if entry.number.isdigit():
            chapter_pages.append(index + 1)
    # Each chapter starts a new page; the cover has no page number, the next pages do.
    assert chapter_pages == sorted(set(chapter_pages)) and len(chapter_pages) == 3
    assert reader.pages[0].extract_text().splitlines()[-1] != "1"
    assert reader.pages[1].extract_text().splitlines()[-1] == "2"


def test_long_chapter_running_headers_and_the_page_of_the_next_chapter(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        handbook = make_handbook(chapters=2)
        chapter, second = ChapterPage.objects.child_of(handbook).order_by("path")
        paragraphs = [
            (
                "paragraph",
                f"<p>Đoạn {n}: cán bộ Đoàn phân công đội hình, theo dõi tiến độ, "
                "ghi chép kết quả và báo cáo cho Đoàn cấp trên mỗi tối.</p>",
            )
            for n in range(1, 60)
        ]
        chapter.body = body(*paragraphs)
        chapter.save_revision().publish()
    reader = reader_of(HandbookPdf.objects.get(handbook=handbook))
    assert len(reader.pages) >= 5
    lines = [page.extract_text().splitlines() for page in reader.pages]
    running = f"1. {chapter.title}"
    assert running not in lines[2]  # the opening page of a chapter has no running header
    assert handbook.title in lines[3]  # a left page: the handbook
    assert running in lines[4]  # a right page: the chapter
    assert lines[3][-1] == "4" and lines[4][-1] == "5"
    # The second chapter starts after the long first one, where the contents say it does.
    start = next(i for i, t in enumerate(texts_of(reader)) if i > 2 and second.title in t) + 1
    assert start > 5
    assert re.search(rf"^2\s+{re.escape(second.title)}[\s.]*{start}$", "\n".join(lines[1]), re.M)


def test_embedded_fonts_are_the_shipped_fonts(built):
    _, record = built
    reader = reader_of(record)
    shipped = {}
    for path in FONTS_DIR.glob("*.ttf"):
        font = TTFont(path)
        shipped[font["name"].getDebugName(6)] = font["head"].created
    embedded = {}
    for page in reader.pages:
        for reference in page["/Resources"]["/Font"].values():
            font = reference.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            embedded[descriptor["/FontName"].split("+", 1)[1]] = descriptor
    # The family names of the stylesheet's @font-face rules, which no installed font has.
    assert {"Suc-Tre-Serif", "Suc-Tre-Sans", "Suc-Tre-Sans-Bold"} <= set(embedded)
    assert all(name.startswith("Suc-Tre-") for name in embedded), embedded.keys()
    for name, descriptor in embedded.items():
        program = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
        postscript = program["name"].getDebugName(6)
        assert postscript in shipped, (name, postscript)
        assert program["head"].created == shipped[postscript]


def test_repeated_task_does_nothing_and_a_change_renders_a_new_file(
    built, render_spy, django_capture_on_commit_callbacks
):
    handbook, record = built
    first_name, first_at = record.file.name, record.rendered_at
    with django_capture_on_commit_callbacks(execute=True):
        handbook_pdf_render_task.delay(handbook.pk)
    record.refresh_from_db()
    assert (record.file.name, record.rendered_at) == (first_name, first_at)
    assert render_spy.call_count == 1

    chapter = ChapterPage.objects.child_of(handbook).order_by("path").first()
    chapter.body = body(("paragraph", "<p>Nội dung mới: điều phối đội hình ở xã vùng cao.</p>"))
    with django_capture_on_commit_callbacks(execute=True):
        chapter.save_revision().publish()
    record.refresh_from_db()
    assert render_spy.call_count == 2
    assert record.file.name != first_name
    assert record.rendered_at > first_at
    assert record.fingerprint == handbook_fingerprint(handbook=handbook)
    assert "điều phối đội hình ở xã vùng cao" in " ".join(texts_of(reader_of(record)))
    # The old file is deleted once the new one is committed.
    assert default_storage.exists(record.file.name)
    assert not default_storage.exists(first_name)


def test_download_before_the_pdf_exists_is_404_and_never_renders(client):
    handbook = make_handbook()  # on_commit callbacks never run here: no task, no PDF
    assert not HandbookPdf.objects.filter(handbook=handbook).exists()
    with mock.patch(
        "handbooks.pdf.render_handbook_pdf", side_effect=AssertionError("rendered in a request")
    ) as render:
        response = client.get(handbook.url + "pdf/")
    assert response.status_code == 404
    assert NOT_READY in response.content.decode()
    render.assert_not_called()
    assert not HandbookPdf.objects.filter(handbook=handbook).exists()


def test_download_serves_the_stored_pdf_as_an_attachment(built, client):
    handbook, record = built
    with mock.patch(
        "handbooks.pdf.render_handbook_pdf", side_effect=AssertionError("rendered in a request")
    ) as render:
        response = client.get(handbook.url + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{handbook.slug}.pdf"'
    assert int(response["Content-Length"]) == record.size
    assert b"".join(response.streaming_content) == record.file.open("rb").read()
    render.assert_not_called()


def test_unpublished_handbook_serves_no_pdf_and_is_not_rendered(
    built, client, render_spy, django_capture_on_commit_callbacks
):
    handbook, record = built
    record_name = record.file.name
    url = handbook.url + "pdf/"
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        handbook.unpublish()
    assert client.get(url).status_code == 404
    assert render_spy.call_count == 1
    assert not HandbookPdf.objects.filter(handbook=handbook).exists()
    assert not default_storage.exists(record_name)


def test_blocks_print_images_from_storage_video_and_document_titles(
    django_capture_on_commit_callbacks,
):
    image = get_image_model().objects.create(
        title="Sơ đồ ToT", file=get_test_image_file(filename="so-do-tot.png")
    )
    Document = get_document_model()
    video = Document.objects.create(
        title="Hướng dẫn sơ cứu", file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="so-cuu.mp4")
    )
    plan = Document.objects.create(
        title="Mẫu kế hoạch chiến dịch", file=ContentFile(b"PK\x03\x04", name="ke-hoach.xlsx")
    )
    with django_capture_on_commit_callbacks(execute=True):
        handbook = make_handbook(chapters=1)
        chapter = ChapterPage.objects.child_of(handbook).get()
        publish(
            chapter,
            SectionPage(
                title="Khối nội dung",
                body=body(
                    ("figure", {"image": image.pk, "alt": "Sơ đồ", "caption": "Mô hình ToT."}),
                    ("video", {"video": video.pk, "poster": None, "caption": "Sơ cứu ban đầu"}),
                    ("document", {"document": plan.pk, "title": ""}),
                    (
                        "checklist",
                        {"title": "Trước khi đi", "items": ["Áo mưa", "Thuốc men"]},
                    ),
                    ("callout", {"kind": "warning", "title": "", "body": "<p>Chú ý lũ.</p>"}),
                    ("glossary", {"term": "ToT", "definition": "<p>Tập huấn giảng viên.</p>"}),
                ),
            ),
        )
    reader = reader_of(HandbookPdf.objects.get(handbook=handbook))
    text = " ".join(texts_of(reader))
    # WeasyPrint shares one resource dictionary between pages: count distinct images.
    images = {image.name: image for page in reader.pages for image in page.images}
    assert len(images) == 1
    assert next(iter(images.values())).image.size[0] > 0
    assert "Mô hình ToT." in text
    assert "Sơ cứu ban đầu (video: Hướng dẫn sơ cứu)" in text
    assert "Mẫu kế hoạch chiến dịch (XLSX" in text
    assert "CẢNH BÁO Chú ý lũ." in text


def test_fetcher_reads_only_shipped_fonts_and_stored_files():
    fetcher = handbook_pdf.LocalFetcher(site_url="https://suctre.example.vn/")
    font = fetcher.fetch((FONTS_DIR / "NotoSerif-Regular.ttf").as_uri())
    assert font.read()[:4] == b"\x00\x01\x00\x00"
    name = default_storage.save("handbooks/test/anh.png", ContentFile(b"\x89PNG data"))
    assert fetcher.fetch(f"storage:{name}").read() == b"\x89PNG data"
    assert fetcher.fetch(f"https://suctre.example.vn/media/{name}").read() == b"\x89PNG data"
    for refused in (
        "https://example.com/anh.png",
        f"https://example.com/media/{name}",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        f"{FONTS_DIR.as_uri()}/../../manage.py",
        "storage:../../manage.py",
        "https://suctre.example.vn/admin/",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(refused)
