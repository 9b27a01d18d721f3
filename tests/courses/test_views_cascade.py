"""Cascade pages: a trainer's and a unit's figures, the tree, the generation drill, XLSX."""

import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from openpyxl import load_workbook

from courses import views_cascade
from courses.services.cascade import cascade_mark_stale
from tests.courses.cascade_helpers import CascadeBuilder, refresh
from tests.courses.cascade_view_helpers import (
    HANG,
    HUNG,
    LAN_ANH,
    MASTER,
    MY_LINH,
    SON,
    build_cascade,
)
from tests.factories import CadreFactory, UserFactory


@pytest.fixture
def cascade(tree):
    return build_cascade(tree)


def _page(client, user, name, *args, **query):
    client.force_login(user)
    response = client.get(reverse(name, args=args), query)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _figure(soup, name) -> str:
    return soup.select_one(f"[data-figure={name}]").get_text(strip=True)


def _text(element) -> str:
    return " ".join(element.get_text(" ", strip=True).split())


def _generation_row(soup, number):
    return soup.select_one(f"table.generations tr[data-generation='{number}']")


def _sheet(response, title) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(response.content))
    return list(workbook[title].iter_rows(values_only=True))


# --- Trainer page ---------------------------------------------------------------------------


def test_trainer_page_shows_reach_units_and_priority_areas(client, organizer, cascade):
    soup = _page(client, organizer, "cascade_trainer", cascade.master.code)

    assert soup.h1.get_text(strip=True) == MASTER
    assert _figure(soup, "cadres") == "12"
    assert _figure(soup, "dedicated") == "9"
    assert _figure(soup, "units") == "2"
    assert _figure(soup, "generations") == "4"
    mountain = soup.select_one("table.areas tr[data-area='2']")
    assert _text(mountain) == "Miền núi 1 9"
    provinces = [_text(li) for li in soup.select("ol.provinces li")]
    assert provinces == ["Tỉnh Đoàn Lâm Đồng — 9 cán bộ", "Thành Đoàn Hà Nội — 3 cán bộ"]


def test_trainer_page_generation_table_flags_drops_in_points(client, organizer, cascade):
    soup = _page(client, organizer, "cascade_trainer", cascade.master.code)

    first = _generation_row(soup, 1)
    assert "flagged" not in (first.get("class") or [])
    assert "85,0" in _text(first) and "100,0%" in _text(first)
    second = _generation_row(soup, 2)
    assert second["class"] == ["flagged"]
    cells = _text(second)
    assert "Thế hệ 2 2 2 4 4 67,5 50,0% 9 ngày" in cells
    assert "Giảm sút" in cells and "điểm TB giảm 17,5 điểm" in cells
    assert "điểm TB giảm 17,5 điểm; tỉ lệ đạt giảm 50,0 điểm phần trăm" in cells
    assert "Giảm sút" in _text(_generation_row(soup, 3))
    fourth = _generation_row(soup, 4)
    assert "Giảm sút" not in _text(fourth) and "Giữ vững" in _text(fourth)
    link = second.select_one("a")
    assert link["href"] == reverse("cascade_generation", args=[cascade.master.code, 2])


def test_trainer_page_says_when_computed_and_that_an_update_is_pending(client, organizer, cascade):
    soup = _page(client, organizer, "cascade_trainer", cascade.master.code)
    assert "Số liệu tính lúc" in _text(soup.select_one(".state"))
    assert "Đang chờ cập nhật" not in soup.get_text()

    cascade_mark_stale(class_ids=[cascade.classes["B"].pk])
    soup = _page(client, organizer, "cascade_trainer", cascade.master.code)
    assert "Đang chờ cập nhật" in _text(soup.select_one(".state"))


def test_tree_nests_each_trainer_under_the_one_who_trained_them(client, organizer, cascade):
    soup = _page(client, organizer, "cascade_trainer", cascade.master.code)
    root = soup.select_one("ul.tree > li > details")

    assert root.has_attr("open")
    assert root.summary.select_one(".who").get_text(strip=True) == MASTER
    assert root.summary.select_one(".who a") is None  # the page itself
    level1 = root.find("ul", recursive=False).find_all("li", recursive=False)
    names = [_text(li.select_one(".who")) for li in level1]
    assert names == ["Tập huấn viên — Đoàn phường Hoàn Kiếm", LAN_ANH]
    lan_anh = level1[1].details
    assert lan_anh.has_attr("open")
    link = lan_anh.summary.select_one(".who a")
    assert link["href"] == reverse("cascade_trainer", args=[cascade.lan_anh.code])
    assert "1 lớp · 2 học viên" in _text(lan_anh.summary)
    my_linh = lan_anh.find("ul", recursive=False).li.details
    assert _text(my_linh.summary.select_one(".who")) == MY_LINH
    assert not my_linh.has_attr("open")  # collapsed below the first two levels
    son = my_linh.find("ul", recursive=False).li.select_one(".leaf")
    assert _text(son.select_one(".who")) == SON
    assert "1 lớp · 2 học viên" in _text(son)


def test_tree_names_no_one_outside_the_viewers_scope(client, organizer, cascade):
    html = str(_page(client, organizer, "cascade_trainer", cascade.master.code))
    assert HUNG not in html
    assert "Tập huấn viên — Đoàn phường Hoàn Kiếm" in html
    assert reverse("cascade_trainer", args=[cascade.hung.code]) not in html


def test_tree_counts_the_trainers_left_out(client, organizer, cascade):
    builder = cascade.builder
    wide = builder.people(14)
    builder.klass([cascade.hang], wide, start=100)
    for index, cadre in enumerate(wide):
        builder.klass([cadre], builder.people(1), start=110 + index, tot=False)
    refresh()
    soup = _page(client, organizer, "cascade_trainer", cascade.hang.code)
    more = soup.select_one("ul.tree li.more")
    assert _text(more) == "và 2 tập huấn viên khác"


# --- Generation drill -----------------------------------------------------------------------


def test_generation_page_lists_its_classes_with_figures(client, organizer, cascade):
    soup = _page(client, organizer, "cascade_generation", cascade.master.code, 2)

    assert _text(soup.h1) == "Thế hệ 2"
    assert _figure(soup, "classes") == "2"
    assert _figure(soup, "mean") == "67,5"
    assert _figure(soup, "lag") == "9 ngày"
    assert "điểm TB giảm 17,5 điểm" in _text(soup.select_one(".fidelity"))
    codes = [tr["data-class"] for tr in soup.select("table.classes tbody tr")]
    assert codes == [cascade.classes["B"].code, cascade.classes["C"].code]
    b_row, c_row = soup.select("table.classes tbody tr")
    assert _text(b_row.select_one(".trainers")) == LAN_ANH
    assert b_row.select_one(".trainers a")["href"] == reverse(
        "cascade_trainer", args=[cascade.lan_anh.code]
    )
    assert "65,0" in _text(b_row) and "11/01/2024 – 13/01/2024" in _text(b_row)
    assert _text(c_row.select_one(".trainers")) == "Tập huấn viên — Đoàn phường Hoàn Kiếm"
    assert HUNG not in str(soup)


def test_generation_page_links_classes_only_for_those_who_manage_them(client, organizer, cascade):
    soup = _page(client, organizer, "cascade_generation", cascade.master.code, 2)
    b_row, c_row = soup.select("table.classes tbody tr")
    assert b_row.select_one("td.head a")["href"] == reverse(
        "class_detail", args=[cascade.classes["B"].pk]
    )
    assert c_row.select_one("td.head a") is None


def test_generation_page_is_paginated(client, organizer, cascade, monkeypatch):
    monkeypatch.setattr(views_cascade, "PAGE_SIZE", 1)
    soup = _page(client, organizer, "cascade_generation", cascade.master.code, 2, page=2)
    codes = [tr["data-class"] for tr in soup.select("table.classes tbody tr")]
    assert codes == [cascade.classes["C"].code]
    assert "Trang 2/2" in _text(soup.select_one(".pager"))


@pytest.mark.parametrize("number", [0, 5, 99])
def test_generation_that_does_not_exist_is_404(client, organizer, cascade, number):
    client.force_login(organizer)
    url = reverse("cascade_generation", args=[cascade.master.code, number])
    assert client.get(url).status_code == 404


def test_unknown_trainer_code_is_404(client, organizer, cascade):
    client.force_login(organizer)
    for name in ("cascade_trainer", "cascade_trainer_xlsx"):
        assert client.get(reverse(name, args=["KHONG-CO"])).status_code == 404


def test_cadre_who_never_taught_gets_an_empty_page(client, organizer, tree, cascade):
    cadre = CadreFactory(unit=tree["commune"])
    soup = _page(client, organizer, "cascade_trainer", cadre.code)
    assert "chưa dạy lớp tập huấn nào" in _text(soup.select_one(".empty"))


# --- Unit page ------------------------------------------------------------------------------


def test_unit_page_lists_lead_trainers_with_their_reach(client, organizer, cascade):
    soup = _page(client, organizer, "cascade_unit", "T68")

    leads = [
        (_text(tr.select_one("td.head")), _text(tr.select_one("td.num")))
        for tr in soup.select("table.leads tbody tr")
    ]
    assert leads == [(MASTER, "12"), (HANG, "2")]
    # One of Hằng's two trainees was already reached by the master trainer.
    assert _figure(soup, "cadres") == "13"
    first = _generation_row(soup, 1)
    assert "Thế hệ 1 2 2 4" in _text(first)
    assert first.a["href"] == reverse("cascade_unit_generation", args=["T68", 1])


def test_unit_page_trees_stop_at_two_generations_and_link_onward(client, organizer, cascade):
    soup = _page(client, organizer, "cascade_unit", "T68")
    trees = soup.select("ul.lead-tree")
    assert len(trees) == 2
    master_tree = trees[0]
    assert SON not in _text(master_tree)
    my_linh = next(
        leaf for leaf in master_tree.select(".leaf") if MY_LINH in _text(leaf.select_one(".who"))
    )
    onward = my_linh.select_one(".deeper a")
    assert onward["href"] == reverse("cascade_trainer", args=[cascade.my_linh.code])


def test_unit_generation_page_drills_into_the_union(client, organizer, cascade):
    soup = _page(client, organizer, "cascade_unit_generation", "T68", 1)
    codes = {tr["data-class"] for tr in soup.select("table.classes tbody tr")}
    assert codes == {cascade.classes["A"].code, cascade.classes["F"].code}


def test_unknown_unit_is_404(client, organizer, cascade):
    client.force_login(organizer)
    for name in ("cascade_unit", "cascade_unit_xlsx"):
        assert client.get(reverse(name, args=["KHONG-CO"])).status_code == 404


def test_trainer_page_links_to_the_unit_page(client, organizer, cascade):
    soup = _page(client, organizer, "cascade_trainer", cascade.master.code)
    assert soup.select_one(".crumbs a")["href"] == reverse("cascade_unit", args=["T68"])


# --- Home ---------------------------------------------------------------------------------


def test_home_sends_an_organizer_to_their_unit(client, organizer, cascade):
    client.force_login(organizer)
    response = client.get(reverse("cascade_home"))
    assert response.url == reverse("cascade_unit", args=["T68"])


def test_home_sends_a_trainer_to_their_own_page(client, cascade):
    cascade.lan_anh.user = UserFactory()
    cascade.lan_anh.save()
    client.force_login(cascade.lan_anh.user)
    response = client.get(reverse("cascade_home"))
    assert response.url == reverse("cascade_trainer", args=[cascade.lan_anh.code])


def test_home_refuses_a_learner_who_never_taught(client, learner):
    client.force_login(learner)
    assert client.get(reverse("cascade_home")).status_code == 403


# --- XLSX ---------------------------------------------------------------------------------


def test_trainer_xlsx_has_generations_classes_and_areas(client, organizer, cascade):
    client.force_login(organizer)
    response = client.get(reverse("cascade_trainer_xlsx", args=[cascade.master.code]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"lan-toa-{cascade.master.code}-" in response["Content-Disposition"]

    generations = _sheet(response, "Thế hệ")
    headers = generations[0]
    assert headers[:4] == ("Thế hệ", "Số lớp", "Số tập huấn viên", "Cán bộ được tập huấn")
    rows = {row[0]: dict(zip(headers, row, strict=True)) for row in generations[1:]}
    assert sorted(rows) == [1, 2, 3, 4]
    assert rows[2]["Điểm cuối khoá trung bình"] == 67.5
    assert rows[2]["Tỉ lệ đạt (%)"] == 50.0
    assert rows[2]["Độ trễ (ngày)"] == 9
    assert rows[2]["Điểm trung bình giảm so với thế hệ trên"] == 17.5
    assert rows[2]["Giảm sút"] == "Có"
    assert not rows[4]["Giảm sút"]

    classes = _sheet(response, "Lớp")
    headers = classes[0]
    by_code = {row[1]: dict(zip(headers, row, strict=True)) for row in classes[1:]}
    assert len(by_code) == 5
    b = by_code[cascade.classes["B"].code]
    assert b["Thế hệ"] == 2 and b["Tập huấn viên"] == LAN_ANH and b["Số học viên"] == 2
    assert b["Ngày bắt đầu"] == "11/01/2024"
    assert b["Điểm cuối khoá trung bình"] == 65.0
    assert by_code[cascade.classes["E"].code]["Thế hệ"] == 4

    areas = _sheet(response, "Vùng ưu tiên")
    assert areas[0] == ("Vùng", "Số đơn vị", "Số cán bộ")
    assert ("Miền núi", 1, 9) in areas
    assert _sheet(response, "Tỉnh, thành")[1:] == [
        ("Tỉnh Đoàn Lâm Đồng", 9),
        ("Thành Đoàn Hà Nội", 3),
    ]


def test_unit_xlsx_covers_every_lead(client, organizer, cascade):
    client.force_login(organizer)
    response = client.get(reverse("cascade_unit_xlsx", args=["T68"]))
    classes = _sheet(response, "Lớp")
    codes = {row[1] for row in classes[1:]}
    assert codes == {k.code for k in cascade.classes.values()}
    f = next(row for row in classes[1:] if row[1] == cascade.classes["F"].code)
    assert f[0] == 1 and f[7] == HANG


def test_my_learning_links_a_trainer_to_their_own_cascade(client, learner, cadre_ld, tree):
    client.force_login(learner)
    assert "/lan-toa/" not in client.get(reverse("my_learning")).content.decode()
    build = CascadeBuilder(tree["lam_dong"])
    build.klass([cadre_ld], build.people(1), start=0)
    page = client.get(reverse("my_learning")).content.decode()
    assert reverse("cascade_trainer", args=[cadre_ld.code]) in page
