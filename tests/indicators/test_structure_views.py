"""The dashboard after a restructuring: the switch between the structure of a date and
today's, units that did not exist yet or any more, a dissolved unit's page, who sees it."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.selectors import indicator_dashboard
from tests.factories import (
    CadreFactory,
    history_merge,
    history_move,
    history_rename,
    make_certificate,
    unit_child,
)
from tests.indicators.conftest import refresh

D = datetime.date(2025, 7, 1)
BEFORE = "2025-06-30"
AFTER = "2025-09-30"


@pytest.fixture
def merge(tree):
    a = unit_child(tree["lam_dong"], "X24101", "Đoàn xã An Phú")
    b = unit_child(tree["lam_dong"], "X24102", "Đoàn xã Bình Lợi")
    make_certificate(CadreFactory(unit=a), "class", issued_on=datetime.date(2024, 5, 1))
    CadreFactory(unit=b)
    c = history_merge([a, b], "X24100", "Đoàn xã An Bình", on=D)
    refresh()
    for unit in tree.values():
        unit.refresh_from_db()
    return a, b, c


def _get(client, user, code, **query):
    client.force_login(user)
    return client.get(reverse("indicators:dashboard", args=[code]), query)


def _page(client, user, code, **query) -> BeautifulSoup:
    response = _get(client, user, code, **query)
    assert response.status_code == 200, response.content[:2000]
    return BeautifulSoup(response.content, "html.parser")


def _text(element) -> str:
    return " ".join(element.get_text(" ", strip=True).split())


def _children(soup) -> set[str]:
    return {tr["data-row"] for tr in soup.select("table.children tbody tr")}


def _trend_row(soup, day):
    return soup.select_one(f"table.trend-table tr[data-day='{day}']")


def test_the_switch_offers_both_structures_by_links(client, organizer, merge):
    soup = _page(client, organizer, "T68")

    links = {a["data-structure"]: a for a in soup.select("[data-structure-switch] a")}
    assert set(links) == {"period", "today"}
    assert _text(links["period"]) == "tại thời điểm"
    assert "co_cau=thoi-diem" in links["period"]["href"]
    assert links["today"].get("aria-current") == "true"  # today's is the default
    soup = _page(client, organizer, "T68", co_cau="thoi-diem")
    current = soup.select_one("[data-structure-switch] a[aria-current]")
    assert current["data-structure"] == "period"


def test_no_switch_without_any_restructuring(client, organizer, tree):
    refresh()
    assert not _page(client, organizer, "T68").select("[data-structure-switch]")


def test_a_past_quarter_end_in_its_structure_lists_the_merged_units_apart(client, organizer, merge):
    soup = _page(client, organizer, "T68", ngay=BEFORE, co_cau="thoi-diem")

    assert {"X24101", "X24102"} <= _children(soup)
    assert "X24100" not in _children(soup)
    a = soup.select_one("table.children tr[data-row=X24101]")
    assert "Đoàn xã An Phú" in _text(a)
    assert "100,0%" in _text(a.select_one("td[data-indicator=d]"))
    assert "ngay=2025-06-30" in a.select_one("a")["href"]  # the drill-down stays on the date


def test_a_past_quarter_end_in_todays_structure_adds_them_into_the_successor(
    client, organizer, merge
):
    soup = _page(client, organizer, "T68", ngay=BEFORE)

    assert "X24100" in _children(soup)
    assert not {"X24101", "X24102"} & _children(soup)
    c = soup.select_one("table.children tr[data-row=X24100] td[data-indicator=d]")
    assert "1/2" in _text(c)


def test_todays_children_leave_out_merged_units_and_name_them_apart(client, organizer, merge):
    soup = _page(client, organizer, "X24100")

    assert not _children(soup)
    merged = {a["data-merged-unit"] for a in soup.select("[data-merged] a")}
    assert merged == {"X24101", "X24102"}


def test_the_successors_trend_says_it_was_not_yet_established_in_the_period_structure(
    client, organizer, merge
):
    period = _page(client, organizer, "X24100", co_cau="thoi-diem")
    today = _page(client, organizer, "X24100")

    assert _text(_trend_row(period, BEFORE).select_one("[data-note]")) == "chưa thành lập"
    assert not _trend_row(period, AFTER).select("[data-note]")
    assert not _trend_row(today, BEFORE).select("[data-note]")
    assert "50,0" in _text(_trend_row(today, BEFORE))


def test_a_dissolved_units_page_keeps_its_history_and_points_to_its_successor(
    client, organizer, merge
):
    soup = _page(client, organizer, "X24101", co_cau="thoi-diem")

    note = soup.select_one("[data-dissolved]")
    assert "01/07/2025" in _text(note)
    assert note.select_one("a")["href"] == reverse("indicators:dashboard", args=["X24100"])
    assert _text(_trend_row(soup, AFTER).select_one("[data-note]")) == "đã sáp nhập"
    assert "100,0" in _text(_trend_row(soup, BEFORE))


def test_a_successors_past_page_in_the_period_structure_says_it_did_not_exist(
    client, organizer, merge
):
    soup = _page(client, organizer, "X24100", ngay=BEFORE, co_cau="thoi-diem")

    assert soup.select_one("[data-absence]")["data-absence"] == "not_established"


def test_a_renamed_unit_shows_its_former_name_in_the_period_structure(
    client, organizer, tree, cadre_ld
):
    history_rename(tree["commune"], "Đoàn xã Quảng Khê mới", on=D)
    refresh()

    then = _page(client, organizer, "T68", ngay=BEFORE, co_cau="thoi-diem")
    now = _page(client, organizer, "T68", ngay=BEFORE)

    assert _text(then.select_one("tr[data-row=X24000] td.head")) == "Đoàn xã Quảng Khê"
    assert _text(now.select_one("tr[data-row=X24000] td.head")) == "Đoàn xã Quảng Khê mới"


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ({"co_cau": "hom-qua"}, "“hom-qua”"),
        ({"ngay": "30/06/2025"}, "“30/06/2025”"),
        ({"ngay": "2025-06-29"}, "29/06/2025"),
    ],
)
def test_a_structure_or_date_we_do_not_know_is_named_and_today_is_shown(
    client, organizer, merge, query, named
):
    response = _get(client, organizer, "T68", **query)

    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert named in _text(soup.select_one(".ind-errors"))
    assert soup.select_one("[data-as-of]") is not None


def test_another_provinces_organizer_gets_404_for_a_dissolved_unit(client, other_organizer, merge):
    for query in ({}, {"co_cau": "thoi-diem", "ngay": BEFORE}):
        assert _get(client, other_organizer, "X24101", **query).status_code == 404
        assert _get(client, other_organizer, "X24100", **query).status_code == 404


def test_a_viewer_of_the_province_sees_its_dissolved_units(client, viewer, merge):
    assert _get(client, viewer, "X24101").status_code == 200


def test_period_structure_dashboard_queries_do_not_grow_with_the_children(
    tree, organizer, django_assert_max_num_queries
):
    def count(unit) -> int:
        user = get_user_model().objects.get(pk=organizer.pk)  # no permissions cached yet
        with CaptureQueriesContext(connection) as queries:
            board = indicator_dashboard(
                user=user, unit=unit, as_of=datetime.date(2025, 6, 30), structure="period"
            )
            assert board.drawn_in == "period" and board.children
        return len(queries)

    few = [unit_child(tree["ha_noi"], f"X0010{i}", f"Đoàn phường {i}") for i in range(2)]
    many = [unit_child(tree["lam_dong"], f"X2420{i:02d}", f"Đoàn xã {i}") for i in range(20)]
    history_merge(few, "X00199", "Đoàn phường Mới", on=D)
    history_merge(many[:2], "X24299", "Đoàn xã Mới", on=D)
    refresh()
    for unit in tree.values():
        unit.refresh_from_db()

    assert count(tree["lam_dong"]) == count(tree["ha_noi"])
    with django_assert_max_num_queries(16):
        indicator_dashboard(
            user=organizer, unit=tree["lam_dong"], as_of=datetime.date(2025, 6, 30),
            structure="period",
        )  # fmt: skip


def test_a_child_since_moved_out_of_the_viewers_part_is_shown_without_a_link(
    client, organizer, tree
):
    moved = unit_child(tree["lam_dong"], "X24109", "Đoàn xã Biên Giới")
    CadreFactory(unit=moved)
    history_move(moved, tree["ha_noi"], on=D)
    refresh()

    soup = _page(client, organizer, "T68", ngay=BEFORE, co_cau="thoi-diem")

    row = soup.select_one("table.children tr[data-row=X24109]")
    assert row is not None and "Đoàn xã Biên Giới" in _text(row)
    assert row.select_one("a") is None
    assert _get(client, organizer, "X24109").status_code == 404
