"""The demo handbook: built once, published, rich in every block type, with its PDF."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Revision

from handbooks.models import (
    ChapterPage,
    HandbookEdition,
    HandbookIndexPage,
    HandbookPage,
    HandbookPdf,
    SectionPage,
)
from lms.blocks import ContentStreamBlock

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = StringIO()
    call_command("seed_demo_handbook", stdout=out)
    return out.getvalue()


def counts() -> dict:
    return {
        "handbooks": HandbookPage.objects.count(),
        "chapters": ChapterPage.objects.count(),
        "sections": SectionPage.objects.count(),
        "revisions": Revision.objects.count(),
        "editions": HandbookEdition.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "pdfs": HandbookPdf.objects.count(),
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Run the command twice, once for the module (a PDF takes seconds to typeset).

    Everything happens in a transaction that is rolled back after the module's last test;
    each test runs in a savepoint inside it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        first = seed()
        after_first = counts()
        second = seed()
        yield {"output": (first, second), "counts": (after_first, counts())}
        transaction.set_rollback(True)


def _readable_pages(handbook):
    chapters = list(ChapterPage.objects.child_of(handbook).live().order_by("path"))
    sections = list(SectionPage.objects.descendant_of(handbook).live().order_by("path"))
    return chapters, sections


def test_two_runs_make_one_published_handbook(seeded):
    first, second = seeded["counts"]
    assert first == second
    assert first["handbooks"] == 1 and first["pdfs"] == 1

    handbook = HandbookPage.objects.get()
    assert handbook.live and not handbook.has_unpublished_changes
    assert handbook.get_parent().specific_class is HandbookIndexPage
    assert handbook.url == "/cam-nang/cam-nang-quan-ly-dieu-phoi-hoat-dong-tinh-nguyen/"
    assert handbook.title == "Cẩm nang quản lý, điều phối hoạt động tình nguyện"
    for output in seeded["output"]:
        assert handbook.url in output


def test_second_run_makes_no_revision(seeded):
    handbook = HandbookPage.objects.get()
    pages = [handbook, *ChapterPage.objects.all(), *SectionPage.objects.all()]
    for page in pages:
        assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 1, page


def test_handbook_metadata(seeded):
    handbook = HandbookPage.objects.get()

    assert handbook.summary and len(handbook.summary) <= 600
    assert handbook.audience_organisation == "doan"
    assert handbook.published_date is not None
    assert handbook.cover is not None
    assert 2 <= handbook.authors.count() <= 3
    assert "Giảng viên nguồn Trung ương Đoàn" in handbook.authors.first().role
    labels = list(handbook.editions.values_list("label", flat=True))
    assert "Ấn bản 1" in labels and len(labels) >= 2
    assert handbook.edition in labels
    tags = set(handbook.tags.names())
    assert {"điều phối", "an toàn tình nguyện", "chuyển đổi số"} <= tags


def test_chapters_and_sections(seeded):
    handbook = HandbookPage.objects.get()
    chapters, sections = _readable_pages(handbook)

    assert 6 <= len(chapters) <= 8
    assert len(sections) >= 2
    with_sections = [c for c in chapters if c.get_children().live().exists()]
    assert len(with_sections) >= 2
    assert all(2 <= c.get_children().count() <= 3 for c in with_sections)
    titles = [c.title for c in chapters]
    assert titles[0] == "Chương trình 1481 và bốn chỉ tiêu"
    assert "Mô hình tập huấn giảng viên nguồn (ToT)" in titles
    for page in [*chapters, *sections]:
        assert page.slug.isascii(), page.slug


def test_substantive_text_in_every_chapter(seeded):
    chapters, _ = _readable_pages(HandbookPage.objects.get())
    for chapter in chapters:
        words = " ".join(
            [chapter.plain_text, *(s.specific.plain_text for s in chapter.get_children())]
        ).split()
        assert len(words) >= 300, (chapter.title, len(words))
        assert "lorem" not in " ".join(words).lower()


def test_every_block_type_but_video_is_used_and_valid(seeded):
    chapters, sections = _readable_pages(HandbookPage.objects.get())
    used: set[str] = set()
    callout_kinds: set[str] = set()
    for page in [*chapters, *sections]:
        page.body.stream_block.clean(page.body)  # within every block's limits
        for block in page.body:
            used.add(block.block_type)
            if block.block_type == "callout":
                callout_kinds.add(block.value["kind"])

    assert used == set(ContentStreamBlock().child_blocks) - {"video"}
    assert callout_kinds == {"note", "tip", "warning"}


def test_generated_figure_and_document(seeded):
    chapters, sections = _readable_pages(HandbookPage.objects.get())
    blocks = [b for page in [*chapters, *sections] for b in page.body]
    figure = next(b for b in blocks if b.block_type == "figure")
    document = next(b for b in blocks if b.block_type == "document")

    image = figure.value["image"]
    assert image.file.name.endswith(".png") and image.width >= 800
    assert figure.value["alt"]
    assert document.value["document"].file_extension == "xlsx"
    with document.value["document"].open_file() as f:
        assert f.read(2) == b"PK"  # a zip container, as every XLSX


def test_pdf_exists_after_the_run(seeded):
    handbook = HandbookPage.objects.get()
    pdf = HandbookPdf.objects.get(handbook=handbook)

    assert pdf.pages >= 10
    assert pdf.size > 0
    with pdf.file.open("rb") as f:
        assert f.read(5) == b"%PDF-"


def test_every_page_of_the_handbook_answers(client, seeded):
    handbook = HandbookPage.objects.get()
    chapters, sections = _readable_pages(handbook)

    response = client.get(handbook.url)
    assert response.status_code == 200
    assert "Ấn bản 1" in response.content.decode()
    for page in [*chapters, *sections]:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert page.title in response.content.decode()


def test_a_deleted_chapter_is_made_again_without_touching_the_others(seeded):
    handbook = HandbookPage.objects.get()
    chapters, _ = _readable_pages(handbook)
    chapters[-1].delete()
    before = Revision.objects.count()

    seed()

    assert ChapterPage.objects.child_of(handbook).filter(slug=chapters[-1].slug).exists()
    assert Revision.objects.count() == before + 1
    assert get_image_model().objects.count() == seeded["counts"][1]["images"]
