"""Reading a handbook: table of contents, neighbours, progress, feed and sharing metadata."""

import pytest
from django.urls import reverse

from handbooks.models import HandbookEdition, ReadingProgress
from handbooks.services import reading_progress_record
from tests.factories import CadreFactory, UserFactory, make_handbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def handbook(db):
    return make_handbook(chapters=3, sections=1)


def _pages(handbook):
    chapters = [c.specific for c in handbook.get_children().live().order_by("path")]
    return chapters, [c.get_children().live().first().specific for c in chapters]


def test_handbook_page_lists_chapters_and_sections_in_order(client, handbook):
    html = client.get(handbook.url).content.decode()
    positions = [html.index(f"{n}. Chương {n}") for n in (1, 2, 3)]
    assert positions == sorted(positions)
    assert "1.1 Mục 1.1" in html


def test_chapter_has_anchors_and_previous_next_in_reading_order(client, handbook):
    chapters, sections = _pages(handbook)
    response = client.get(chapters[1].url)
    html = response.content.decode()
    assert 'id="muc-tieu-chuong-2"' in html
    assert response.context["previous_page"].page.pk == sections[0].pk
    assert response.context["next_page"].page.pk == sections[1].pk
    assert f'rel="next" href="{sections[1].url}"' in html


def test_first_and_last_pages_have_one_neighbour(client, handbook):
    chapters, sections = _pages(handbook)
    assert client.get(chapters[0].url).context["previous_page"] is None
    assert client.get(sections[-1].url).context["next_page"] is None


def test_reading_a_chapter_remembers_progress_for_logged_in_reader(client, handbook):
    chapters, _ = _pages(handbook)
    reader = UserFactory()
    client.force_login(reader)
    client.get(chapters[0].url)
    client.get(chapters[2].url)
    progress = ReadingProgress.objects.get(user=reader)
    assert progress.page_id == chapters[2].pk
    assert progress.handbook_id == handbook.pk


def test_anonymous_reading_records_nothing(client, handbook):
    chapters, _ = _pages(handbook)
    assert client.get(chapters[0].url).status_code == 200
    assert not ReadingProgress.objects.exists()


def test_recording_progress_twice_keeps_one_row(handbook):
    chapters, _ = _pages(handbook)
    reader = UserFactory()
    reading_progress_record(user=reader, page=chapters[0])
    reading_progress_record(user=reader, page=chapters[0])
    assert ReadingProgress.objects.filter(user=reader).count() == 1


def test_my_learning_offers_continue_reading(client, handbook, tree):
    chapters, _ = _pages(handbook)
    learner = UserFactory()
    CadreFactory(unit=tree["commune"], user=learner)
    client.force_login(learner)
    client.get(chapters[1].url)
    html = client.get(reverse("my_learning")).content.decode()
    assert f'href="{chapters[1].url}"' in html
    assert "Đọc tiếp: Chương 2" in html


def test_my_learning_hides_progress_on_unpublished_chapter(client, handbook, tree):
    chapters, _ = _pages(handbook)
    learner = UserFactory()
    client.force_login(learner)
    client.get(chapters[1].url)
    chapters[1].unpublish()
    html = client.get(reverse("my_learning")).content.decode()
    assert chapters[1].url not in html
    assert "Bạn chưa mở cẩm nang nào." in html


def test_pages_carry_open_graph_metadata(client, handbook):
    chapters, _ = _pages(handbook)
    html = client.get(chapters[0].url).content.decode()
    assert f'<meta property="og:title" content="{chapters[0].title}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert 'property="og:url" content="http://localhost/cam-nang/' in html


def test_urls_are_readable_ascii(handbook):
    chapters, _ = _pages(handbook)
    assert chapters[0].url.startswith("/cam-nang/cam-nang-dieu-phoi-tinh-nguyen/chuong-1-")
    assert chapters[0].url.isascii()


def test_atom_feed_lists_new_editions(client, handbook):
    HandbookEdition.objects.create(
        page=handbook, label="Ấn bản 2", date="2026-10-01", changes="Bổ sung chương an toàn."
    )
    response = client.get("/cam-nang/feed/")
    xml = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Cẩm nang điều phối tình nguyện — Ấn bản 2" in xml
    assert "Bổ sung chương an toàn." in xml


def test_index_lists_only_published_handbooks(client, handbook):
    draft = make_handbook(title="Cẩm nang nháp", chapters=0)
    draft.unpublish()
    html = client.get("/cam-nang/").content.decode()
    assert handbook.title in html
    assert "Cẩm nang nháp" not in html
