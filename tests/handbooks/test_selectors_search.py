"""Handbook search: with or without diacritics, on SQLite and on PostgreSQL."""

import pytest
from django.db import connection

from handbooks.selectors import handbook_search
from tests.factories import body, make_handbook, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def handbook(db, django_capture_on_commit_callbacks):
    """Wagtail indexes pages in a task queued on commit, so the callbacks must run."""

    with django_capture_on_commit_callbacks(execute=True):
        return _build()


def _build():
    from handbooks.models import ChapterPage

    handbook = make_handbook(title="Cẩm nang tình nguyện", chapters=1)
    publish(
        handbook,
        ChapterPage(
            title="Điều phối chiến dịch Mùa hè xanh",
            body=body(
                ("paragraph", "<p>Ban chỉ huy điều phối lực lượng tình nguyện viên theo từng "
                              "mặt trận và báo cáo hằng ngày.</p>"),
                ("callout", {"kind": "warning", "title": "An toàn",
                             "body": "<p>Mua bảo hiểm cho đội hình trước khi xuất quân.</p>"}),
            ),
        ),
    )  # fmt: skip
    return handbook


def _titles(hits):
    return [hit.page.title for hit in hits]


@pytest.mark.parametrize(
    "query",
    ["điều phối", "dieu phoi", "DIEU PHOI", "tình nguyện viên", "tinh nguyen vien"],
)
def test_query_with_or_without_diacritics_finds_the_chapter(handbook, query):
    assert "Điều phối chiến dịch Mùa hè xanh" in _titles(handbook_search(query))


def test_every_word_must_match(handbook):
    assert _titles(handbook_search("bao hiem doi hinh")) == ["Điều phối chiến dịch Mùa hè xanh"]
    assert handbook_search("bao hiem sao hoa") == []


def test_hit_names_the_handbook_and_marks_the_passage(handbook):
    hit = handbook_search("dieu phoi luc luong")[0]
    assert hit.handbook.title == "Cẩm nang tình nguyện"
    assert "<mark>điều</mark> <mark>phối</mark> <mark>lực</mark> <mark>lượng</mark>" in hit.passage


def test_passage_escapes_page_text(handbook, django_capture_on_commit_callbacks):
    from handbooks.models import ChapterPage

    with django_capture_on_commit_callbacks(execute=True):
        publish(
            handbook,
            ChapterPage(
                title="Mẫu biểu",
                body=body(("quote", {"text": "<script>alert(1)</script> đăng ký", "source": ""})),
            ),
        )
    passage = handbook_search("dang ky")[0].passage
    assert "<script>" not in passage
    assert "&lt;script&gt;" in passage


def test_drafts_and_unpublished_pages_are_not_found(handbook, django_capture_on_commit_callbacks):
    from handbooks.models import ChapterPage

    with django_capture_on_commit_callbacks(execute=True):
        ChapterPage.objects.get(title="Điều phối chiến dịch Mùa hè xanh").unpublish()
        draft = ChapterPage(
            title="Bản nháp điều phối", body=body(("paragraph", "<p>nháp</p>")), live=False
        )
        handbook.add_child(instance=draft)
        draft.save_revision()
    assert all(hit.page.live for hit in handbook_search("dieu phoi"))
    assert "Bản nháp điều phối" not in _titles(handbook_search("ban nhap"))
    assert "Điều phối chiến dịch Mùa hè xanh" not in _titles(handbook_search("mua he xanh"))


def test_search_page_shows_results(client, handbook):
    response = client.get("/cam-nang/search/", {"q": "mua he xanh"})
    body_html = response.content.decode()
    assert response.status_code == 200
    assert "Điều phối chiến dịch Mùa hè xanh" in body_html
    assert "<mark>" in body_html


@pytest.mark.postgres
def test_search_runs_on_postgresql_full_text(handbook):
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL: set DATABASE_URL (see .ci/run).")
    from wagtail.search.backends import get_search_backend

    assert "postgres" in type(get_search_backend()).__module__
    assert _titles(handbook_search("dieu phoi luc luong")) == ["Điều phối chiến dịch Mùa hè xanh"]
    assert _titles(handbook_search("điều phối lực lượng")) == ["Điều phối chiến dịch Mùa hè xanh"]


def test_passage_marks_whole_words_only():
    from handbooks.selectors import _passage

    passage = _passage("Nhận diện rủi ro và an toàn cho tình nguyện viên.", ["an", "tinh"])
    assert "<mark>an</mark> toàn" in passage
    assert "<mark>tình</mark> nguyện" in passage
    assert "Nh<mark>" not in passage


def test_search_query_count_does_not_grow_with_hits(
    handbook, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    from handbooks.models import ChapterPage

    with django_capture_on_commit_callbacks(execute=True):
        for n in range(6):
            publish(
                handbook,
                ChapterPage(title=f"Điều phối {n}", body=body(("paragraph", "<p>điều phối</p>"))),
            )
    with django_assert_max_num_queries(5):
        hits = handbook_search("dieu phoi")
    assert len(hits) >= 7
    assert all(hit.handbook.title == "Cẩm nang tình nguyện" for hit in hits)
