"""Every content block renders what readers and the PDF rely on; the page tree holds."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from handbooks.models import ChapterPage, HandbookIndexPage, HandbookPage, SectionPage
from lms.blocks import ContentStreamBlock, heading_anchor, stream_headings, stream_plain_text
from lms.models import HomePage
from tests.factories import body, handbook_index, make_handbook, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def image(db):
    return get_image_model().objects.create(
        title="Sơ đồ ToT", file=get_test_image_file(filename="so-do-tot.png")
    )


@pytest.fixture
def document(db):
    return get_document_model().objects.create(
        title="Mẫu kế hoạch chiến dịch",
        file=ContentFile(b"PK\x03\x04 bang tinh", name="mau-ke-hoach.xlsx"),
    )


@pytest.fixture
def video(db):
    return get_document_model().objects.create(
        title="Hướng dẫn sơ cứu", file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="so-cuu.mp4")
    )


def stream(*blocks):
    return ContentStreamBlock().to_python(body(*blocks))


def render(kind: str, value) -> BeautifulSoup:
    (child,) = stream((kind, value))
    return BeautifulSoup(str(child.render()), "html.parser")


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


# --- One test per block type ---------------------------------------------------------------


def test_heading_has_a_diacritic_free_anchor():
    soup = render("heading", {"text": "Mục tiêu", "level": "h2"})

    heading = soup.find("h2")
    assert heading["id"] == "muc-tieu" == heading_anchor("Mục tiêu")
    assert heading.find("a", class_="anchor")["href"] == "#muc-tieu"
    assert "Mục tiêu" in text(heading)


def test_heading_anchor_keeps_d_with_stroke_and_level_h3():
    soup = render("heading", {"text": "Điều phối đội hình", "level": "h3"})

    assert soup.find("h3")["id"] == "dieu-phoi-doi-hinh"
    assert soup.find("h2") is None


def test_paragraph_keeps_rich_text():
    soup = render("paragraph", "<p>Huy động <strong>thanh niên</strong> tình nguyện.</p>")

    prose = soup.find("div", class_="prose")
    assert prose.find("strong").get_text() == "thanh niên"
    assert text(prose) == "Huy động thanh niên tình nguyện."


@pytest.mark.parametrize("kind", ["note", "tip", "warning"])
def test_callout_has_a_class_by_kind(kind):
    soup = render(
        "callout", {"kind": kind, "title": "Lưu ý", "body": "<p>Không tắm sông, suối.</p>"}
    )

    aside = soup.find("aside")
    assert aside["class"] == ["callout", f"callout-{kind}"]
    assert aside["role"] == "note"
    assert aside.find(class_="callout-title").get_text() == "Lưu ý"
    assert "Không tắm sông, suối." in text(aside)


def test_checklist_items_are_list_items():
    items = ["Bảo hiểm tai nạn", "Túi sơ cứu", "Danh bạ khẩn cấp"]
    soup = render("checklist", {"title": "Trước khi xuất phát", "items": items})

    assert soup.find(class_="block-title").get_text() == "Trước khi xuất phát"
    assert [li.get_text() for li in soup.select("ul > li")] == items


def test_procedure_steps_are_an_ordered_list():
    steps = [
        {"title": "Khảo sát", "body": "<p>Gặp chính quyền xã.</p>"},
        {"title": "Lập kế hoạch", "body": ""},
        {"title": "Triển khai", "body": "<p>Giao ban mỗi tối.</p>"},
    ]
    soup = render("procedure", {"title": "Quy trình chiến dịch", "steps": steps})

    ordered = soup.find("ol")
    assert [li.find("strong").get_text() for li in ordered.find_all("li")] == [
        "Khảo sát",
        "Lập kế hoạch",
        "Triển khai",
    ]
    assert "Gặp chính quyền xã." in text(ordered.find_all("li")[0])
    assert soup.find("ul") is None


def test_case_study_shows_title_and_its_parts():
    soup = render(
        "case_study",
        {
            "title": "Đội hình thiếu người",
            "context": "<p>Sáu bạn phải về trường.</p>",
            "what_was_done": "<p>Gọi người dự bị.</p>",
            "lessons": "<p>Lập danh sách dự bị từ đầu.</p>",
        },
    )

    section = soup.find("section", class_="case-study")
    assert text(section.find(class_="block-title")) == "Tình huống: Đội hình thiếu người"
    assert [p.get_text() for p in section.find_all("p", class_="label")] == [
        "Cách làm",
        "Bài học",
    ]
    assert "Lập danh sách dự bị từ đầu." in text(section)


def test_figure_has_img_with_alt_and_figcaption(image):
    soup = render(
        "figure",
        {"image": image.pk, "alt": "Sơ đồ bốn tầng tập huấn", "caption": "Hình 1. Mô hình ToT"},
    )

    img = soup.find("figure").find("img")
    assert img["alt"] == "Sơ đồ bốn tầng tập huấn"
    assert img["loading"] == "lazy"
    assert img["src"].endswith(".webp")
    assert soup.find("figcaption").get_text() == "Hình 1. Mô hình ToT"


def test_document_link_downloads_and_names_the_extension(document):
    soup = render("document", {"document": document.pk, "title": "Tải mẫu kế hoạch"})

    link = soup.find("a")
    assert link.has_attr("download")
    assert link["href"] == document.url
    assert link.get_text() == "Tải mẫu kế hoạch"
    assert "XLSX" in text(soup.find(class_="muted"))


def test_document_link_falls_back_to_the_document_title(document):
    soup = render("document", {"document": document.pk, "title": ""})

    assert soup.find("a").get_text() == "Mẫu kế hoạch chiến dịch"


def test_video_loads_only_on_demand_from_our_library(video):
    soup = render("video", {"video": video.pk, "poster": None, "caption": "Sơ cứu đuối nước"})

    player = soup.find("video")
    assert player["preload"] == "none"
    assert player.has_attr("controls")
    assert player["src"] == video.url
    assert player["src"].endswith(".mp4")
    assert soup.find("iframe") is None
    assert soup.find("figcaption").get_text() == "Sơ cứu đuối nước"


def test_glossary_is_a_definition_list():
    soup = render(
        "glossary", {"term": "Sơ kết", "definition": "<p>Đánh giá giữa kỳ, năm 2025.</p>"}
    )

    assert soup.find("dl").find("dt").get_text() == "Sơ kết"
    assert text(soup.find("dd")) == "Đánh giá giữa kỳ, năm 2025."


def test_table_has_header_cells_and_body_cells():
    soup = render(
        "table",
        {
            "data": [["Chỉ tiêu", "2025", "2030"], ["a", "60%", "80%"], ["d", "80%", "100%"]],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_header_choice": "row",
            "table_caption": "Bốn chỉ tiêu",
        },
    )

    table = soup.find("table")
    assert table.find("caption").get_text() == "Bốn chỉ tiêu"
    assert [th.get_text() for th in table.select("thead th")] == ["Chỉ tiêu", "2025", "2030"]
    assert [th["scope"] for th in table.select("thead th")] == ["col"] * 3
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    assert rows == [["a", "60%", "80%"], ["d", "80%", "100%"]]
    assert table.select("tbody th") == []


def test_table_with_a_header_column_marks_row_headers():
    soup = render(
        "table",
        {
            "data": [["Mốc", "Việc"], ["2025", "Sơ kết"]],
            "first_row_is_table_header": True,
            "first_col_is_header": True,
            "table_header_choice": "both",
            "table_caption": "",
        },
    )

    row_header = soup.select_one("tbody th")
    assert row_header["scope"] == "row"
    assert row_header.get_text() == "2025"
    assert soup.find("caption") is None


def test_quote_has_its_source():
    soup = render(
        "quote", {"text": "Phát huy mạnh mẽ sức trẻ.", "source": "Quyết định 1481/QĐ-TTg"}
    )

    quote = soup.find("blockquote")
    assert quote.find("p").get_text() == "Phát huy mạnh mẽ sức trẻ."
    assert quote.find("footer").get_text() == "— Quyết định 1481/QĐ-TTg"


def test_every_block_type_has_a_test_above():
    tested = {
        "heading",
        "paragraph",
        "callout",
        "checklist",
        "procedure",
        "case_study",
        "figure",
        "document",
        "video",
        "glossary",
        "table",
        "quote",
    }
    assert set(ContentStreamBlock().child_blocks) == tested


# --- Plain text and headings ------------------------------------------------------------


def all_blocks(image, document, video) -> list[tuple]:
    return [
        ("heading", {"text": "Mục tiêu chiến dịch", "level": "h2"}),
        ("paragraph", "<p>đoạnvăn <em>nhấnmạnh</em></p>"),
        ("callout", {"kind": "warning", "title": "tiêuđềhộp", "body": "<p>nộidunghộp</p>"}),
        ("checklist", {"title": "danhsách", "items": ["mụcmột", "mụchai"]}),
        ("procedure", {"title": "quytrình", "steps": [{"title": "bướcmột", "body": "<p>hd</p>"}]}),
        ("heading", {"text": "Bài học kinh nghiệm", "level": "h3"}),
        (
            "case_study",
            {
                "title": "tìnhhuống",
                "context": "<p>bốicảnh</p>",
                "what_was_done": "<p>cáchlàm</p>",
                "lessons": "<p>bàihọc</p>",
            },
        ),
        ("figure", {"image": image.pk, "alt": "môtảảnh", "caption": "chúthíchảnh"}),
        ("document", {"document": document.pk, "title": "têntàiliệu"}),
        ("video", {"video": video.pk, "poster": None, "caption": "chúthíchvideo"}),
        ("glossary", {"term": "thuậtngữ", "definition": "<p>địnhnghĩa</p>"}),
        (
            "table",
            {
                "data": [["ôđầu", "ôhai"], ["ôba", None]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_header_choice": "row",
                "table_caption": "",
            },
        ),
        ("quote", {"text": "tríchdẫn", "source": "nguồntrích"}),
        ("heading", {"text": "Điều phối", "level": "h2"}),
    ]


def test_stream_plain_text_has_the_words_of_every_block_type(image, document, video):
    words = stream_plain_text(stream(*all_blocks(image, document, video))).split()

    expected = {
        "heading": ["Mục", "tiêu", "chiến", "dịch"],
        "paragraph": ["đoạnvăn", "nhấnmạnh"],
        "callout": ["tiêuđềhộp", "nộidunghộp"],
        "checklist": ["danhsách", "mụcmột", "mụchai"],
        "procedure": ["quytrình", "bướcmột", "hd"],
        "case_study": ["tìnhhuống", "bốicảnh", "cáchlàm", "bàihọc"],
        "figure": ["môtảảnh", "chúthíchảnh"],
        "document": ["têntàiliệu"],
        "video": ["chúthíchvideo"],
        "glossary": ["thuậtngữ", "địnhnghĩa"],
        "table": ["ôđầu", "ôhai", "ôba"],
        "quote": ["tríchdẫn", "nguồntrích"],
    }
    assert set(expected) == set(ContentStreamBlock().child_blocks)
    for kind, kind_words in expected.items():
        for word in kind_words:
            assert word in words, (kind, word)
    # Choice values are not words of the text, and no markup leaks through.
    assert "warning" not in words and "h2" not in words
    assert not any("<" in w for w in words)


def test_stream_headings_in_order_with_anchors(image, document, video):
    assert stream_headings(stream(*all_blocks(image, document, video))) == [
        {"text": "Mục tiêu chiến dịch", "anchor": "muc-tieu-chien-dich", "level": "h2"},
        {"text": "Bài học kinh nghiệm", "anchor": "bai-hoc-kinh-nghiem", "level": "h3"},
        {"text": "Điều phối", "anchor": "dieu-phoi", "level": "h2"},
    ]


def test_a_published_chapter_renders_every_block_through_the_client(client, image, document, video):
    handbook = make_handbook(chapters=0)
    chapter = publish(
        handbook,
        ChapterPage(title="Chương đủ loại khối", body=body(*all_blocks(image, document, video))),
    )

    response = client.get(chapter.url)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    article = soup.find("article")
    assert article.find("h2", id="muc-tieu-chien-dich")
    assert article.find("aside", class_="callout-warning")
    assert article.select(".checklist li") and article.select(".procedure ol > li")
    assert article.find("section", class_="case-study")
    assert article.find("figure").find("img")["alt"] == "môtảảnh"
    assert article.find("a", download=True)["href"] == document.url
    assert article.find("video")["preload"] == "none"
    assert article.find("dl", class_="glossary")
    assert article.find("table").select("thead th")
    assert article.find("blockquote").find("footer")


# --- The page tree --------------------------------------------------------------------------


class TestPageTree(WagtailPageTestCase):
    def test_index_only_under_the_home_page(self):
        self.assertAllowedParentPageTypes(HandbookIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(HandbookIndexPage, {HandbookPage})

    def test_at_most_one_index(self):
        home = HomePage.objects.get()
        self.assertEqual(HandbookIndexPage.objects.count(), 1)
        self.assertFalse(HandbookIndexPage.can_create_at(home))
        self.assertCanCreateAt(HomePage, HandbookIndexPage)  # by type; the count forbids it
        self.assertEqual(HandbookIndexPage.max_count, 1)

    def test_handbook_only_under_the_index(self):
        self.assertAllowedParentPageTypes(HandbookPage, {HandbookIndexPage})
        self.assertCanCreateAt(HandbookIndexPage, HandbookPage)
        self.assertCanNotCreateAt(HomePage, HandbookPage)
        self.assertCanNotCreateAt(ChapterPage, HandbookPage)
        self.assertTrue(HandbookPage.can_create_at(handbook_index()))
        self.assertFalse(HandbookPage.can_create_at(HomePage.objects.get()))

    def test_chapter_only_under_a_handbook(self):
        self.assertAllowedParentPageTypes(ChapterPage, {HandbookPage})
        self.assertAllowedSubpageTypes(HandbookPage, {ChapterPage})
        self.assertCanNotCreateAt(HandbookIndexPage, ChapterPage)
        self.assertCanNotCreateAt(ChapterPage, ChapterPage)
        self.assertCanNotCreateAt(SectionPage, ChapterPage)

    def test_section_only_under_a_chapter_and_without_children(self):
        self.assertAllowedParentPageTypes(SectionPage, {ChapterPage})
        self.assertAllowedSubpageTypes(ChapterPage, {SectionPage})
        self.assertAllowedSubpageTypes(SectionPage, set())
        self.assertCanNotCreateAt(HandbookPage, SectionPage)
        self.assertCanNotCreateAt(SectionPage, SectionPage)

        handbook = make_handbook(chapters=1, sections=1)
        chapter = handbook.get_children().specific().get()
        section = chapter.get_children().specific().get()
        self.assertTrue(SectionPage.can_create_at(chapter))
        self.assertFalse(SectionPage.can_create_at(handbook))
        self.assertEqual(section.specific_class.allowed_subpage_models(), [])
        self.assertFalse(ChapterPage.can_create_at(section))

    def test_no_handbook_page_type_under_the_root_or_a_plain_page(self):
        root = Page.get_first_root_node()
        for model in (HandbookIndexPage, HandbookPage, ChapterPage, SectionPage):
            self.assertFalse(model.can_create_at(root), model)
            self.assertCanNotCreateAt(Page, model)

    def test_a_chapter_body_is_the_shared_content_stream(self):
        chapter = ChapterPage(title="x", body=body(("paragraph", "<p>x</p>")))
        self.assertIsInstance(chapter.body.stream_block, ContentStreamBlock)
