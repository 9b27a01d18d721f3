"""Offline reading and page weight: the service worker script, the save button, and the
transfer budget of a chapter (at most 150 KB without its images, nothing from elsewhere)."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document

from handbooks.models import ChapterPage
from tests.factories import body, make_handbook, publish

pytestmark = pytest.mark.django_db

BUDGET = 150 * 1024

PARAGRAPH = (
    "<p>Cán bộ Đoàn ở xã vùng cao cần nắm vững cách huy động thanh niên tham gia hoạt động "
    "tình nguyện: khảo sát nhu cầu của người dân, lập kế hoạch theo mùa vụ, phân công "
    "<strong>người phụ trách</strong> từng đội hình, giữ liên lạc với trưởng thôn, bản và "
    "báo cáo kết quả đúng hạn cho Đoàn cấp trên. Đoạn {n} nhắc lại những điều cần chú ý "
    "khi đường sá khó đi, sóng điện thoại yếu và mùa mưa lũ kéo dài.</p>"
)


def _long_body(document: Document) -> list[dict]:
    blocks: list[tuple[str, object]] = []
    for n in range(1, 41):
        if n % 10 == 1:
            blocks.append(
                ("heading", {"text": f"Phần {n // 10 + 1}: Tổ chức đội hình", "level": "h2"})
            )
        if n % 10 == 6:
            blocks.append(("heading", {"text": f"Lưu ý thực hành {n}", "level": "h3"}))
        blocks.append(("paragraph", PARAGRAPH.format(n=n)))
    blocks += [
        (
            "callout",
            {"kind": kind, "title": f"Hộp {kind}", "body": "<p>Ghi nhớ điều quan trọng này.</p>"},
        )
        for kind in ("note", "tip", "warning")
    ]
    blocks += [
        (
            "checklist",
            {
                "title": "Trước khi lên đường",
                "items": ["Danh sách tình nguyện viên", "Thuốc men, áo mưa", "Số điện thoại xã"],
            },
        ),
        (
            "procedure",
            {
                "title": "Quy trình tổ chức chiến dịch",
                "steps": [
                    {"title": f"Bước {s}", "body": f"<p>Thực hiện việc thứ {s} đúng hạn.</p>"}
                    for s in range(1, 6)
                ],
            },
        ),
        (
            "case_study",
            {
                "title": "Mùa hè xanh ở xã biên giới",
                "context": "<p>Xã có 6 thôn, đường đất, mùa mưa thường sạt lở.</p>",
                "what_was_done": "<p>Chia đội hình theo thôn, hẹn giờ liên lạc cố định.</p>",
                "lessons": "<p>Chuẩn bị phương án dự phòng khi mất sóng.</p>",
            },
        ),
        (
            "table",
            {
                "first_row_is_table_header": True,
                "first_col_is_header": True,
                "table_caption": "Phân công theo thôn",
                "data": [["Thôn", "Đội trưởng", "Số người", "Việc chính"]]
                + [[f"Thôn {t}", f"Đội trưởng {t}", str(10 + t), "Sửa đường"] for t in range(1, 9)],
            },
        ),
        ("glossary", {"term": "Đội hình", "definition": "<p>Nhóm tình nguyện viên.</p>"}),
        ("glossary", {"term": "Chiến dịch", "definition": "<p>Đợt hoạt động tập trung.</p>"}),
        (
            "quote",
            {"text": "Đâu cần thanh niên có,\nviệc gì khó có thanh niên.", "source": "Khẩu hiệu"},
        ),
        ("document", {"document": document.pk, "title": "Mẫu kế hoạch chiến dịch"}),
    ]
    return body(*blocks)


@pytest.fixture
def long_chapter(db):
    handbook = make_handbook(chapters=2, sections=1)
    document = Document.objects.create(
        title="Mẫu kế hoạch", file=ContentFile(b"%PDF-1.4 mau", name="mau-ke-hoach.pdf")
    )
    return publish(
        handbook,
        ChapterPage(
            title="Chương 3: Tổ chức chiến dịch tình nguyện",
            summary="Từ khảo sát đến báo cáo.",
            body=_long_body(document),
        ),
    )


class _References(HTMLParser):
    """Every src/href of a page, and the stylesheets and scripts it loads."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.loaded: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            self.loaded.append(attrs["href"])
        if tag == "script" and attrs.get("src"):
            self.loaded.append(attrs["src"])


def _parse(html: str) -> _References:
    parser = _References()
    parser.feed(html)
    return parser


def test_service_worker_is_served_from_the_root(client):
    response = client.get(reverse("service_worker"))
    assert reverse("service_worker") == "/sw.js"
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    assert b"cache-handbook" in response.content


def test_service_worker_revalidates_with_a_304(client):
    first = client.get("/sw.js")
    again = client.get("/sw.js", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_service_worker_accepts_only_reads(client):
    assert client.post("/sw.js").status_code == 405


def test_handbook_page_offers_saving_for_offline_reading(client):
    handbook = make_handbook(chapters=2)
    html = client.get(handbook.url).content.decode()
    button = re.search(r"<button[^>]*data-offline-save[^>]*>", html).group(0)
    assert " hidden" in button  # revealed by the script where service workers exist
    for attribute in ("data-saving", "data-saved", "data-failed", "data-offline-title"):
        assert attribute in button
    assert "Đã lưu để đọc ngoại tuyến" in button
    assert "data-offline-status" in html
    assert re.search(r'<script src="/static/js/offline\.js"[^>]*data-sw="/sw\.js"[^>]*defer', html)
    assert "data-offline-banner" in html
    assert 'nav class="toc"' in html


def test_every_page_registers_the_service_worker(client):
    html = client.get(reverse("account_login")).content.decode()
    assert 'src="/static/js/offline.js"' in html


def test_static_files_exist_and_stay_small():
    css, script, worker = (finders.find(p) for p in ("css/site.css", "js/offline.js", "js/sw.js"))
    assert css and script and worker
    with open(css, "rb") as handle:
        assert len(handle.read()) < 12 * 1024


def test_chapter_transfers_at_most_150_kb_without_images(client, long_chapter):
    response = client.get(long_chapter.url)
    assert response.status_code == 200
    html = response.content.decode()
    for marker in (
        'class="callout callout-warning"',
        'class="checklist"',
        'class="procedure"',
        'class="case-study"',
        'class="table-wrap"',
        'class="glossary"',
        'class="quote"',
        'class="download"',
        'class="page-toc"',
        'class="prev-next"',
    ):
        assert marker in html, marker

    references = _parse(html)
    total = len(response.content)
    assert references.loaded, "the page loads the site stylesheet and script"
    for url in references.loaded:
        path = urlsplit(url).path
        assert path.startswith(settings.STATIC_URL), url
        found = finders.find(path.removeprefix(settings.STATIC_URL))
        assert found, url
        with open(found, "rb") as handle:
            total += len(handle.read())
    print(f"chapter transfer without images: {total} bytes ({total / 1024:.1f} KB)")
    assert total <= BUDGET


def test_chapter_references_no_other_host(client, long_chapter):
    own_hosts = {"testserver", urlsplit(long_chapter.get_site().root_url).hostname}
    html = client.get(long_chapter.url).content.decode()
    for url in _parse(html).urls:
        parts = urlsplit(url)
        if parts.scheme or url.startswith("//"):
            assert parts.scheme in ("http", "https"), url
            assert parts.hostname in own_hosts, url
    for url in re.findall(r'(?:src|href)\s*=\s*["\']?(https?://[^"\'\s>]+)', html):
        assert urlsplit(url).hostname in own_hosts, url
