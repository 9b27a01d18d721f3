"""The indicators dashboard: the figures against targets, sorting, drill-down, who sees what."""

import pytest
from bs4 import BeautifulSoup
from django.urls import NoReverseMatch, reverse

from indicators.models import Snapshot
from tests.factories import UserFactory
from tests.indicators.conftest import refresh

LAM_DONG = "Tỉnh Đoàn Lâm Đồng"
HA_NOI = "Thành Đoàn Hà Nội"


def _get(client, user, code, **query):
    client.force_login(user)
    return client.get(reverse("indicators:dashboard", args=[code]), query)


def _page(client, user, code, **query) -> BeautifulSoup:
    response = _get(client, user, code, **query)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _text(element) -> str:
    return " ".join(element.get_text(" ", strip=True).split())


def _card(soup, indicator):
    return soup.select_one(f".ind-card[data-indicator={indicator}]")


def _child_order(soup) -> list[str]:
    return [_text(td) for td in soup.select("table.children tbody td.head")]


# --- What the page shows ------------------------------------------------------------------


def test_national_dashboard_shows_the_four_indicators_with_numerators(
    client, central_viewer, figures
):
    soup = _page(client, central_viewer, "TW")

    d = _card(soup, "d")
    assert _text(d.select_one("[data-figure=percent]")) == "50,0%"
    assert "2/4" in _text(d.select_one("[data-figure=fraction]"))
    assert "Chỉ tiêu 2030: 100%" in _text(d)  # the next milestone after 2025
    # below the planned path, but the pace since a year ago reaches the 2030 target
    assert d.select_one(".ind-status")["data-status"] == "at_risk"
    b = _card(soup, "b")
    assert _text(b.select_one("[data-figure=percent]")) == "60,0%"
    assert "6/10" in _text(b)
    assert _text(b.select_one("[data-figure=declared]")) == "1 đơn vị đã kê khai"
    assert _text(_card(soup, "c").select_one("[data-figure=percent]")) == "75,0%"


def test_status_is_written_out_not_only_coloured(client, central_viewer, figures):
    soup = _page(client, central_viewer, "TW")

    badges = soup.select(".ind-status[data-status]")
    words = {"Đúng tiến độ", "Có nguy cơ", "Chậm tiến độ", "Chưa có số liệu"}
    assert badges
    assert all(any(w in _text(badge) for w in words) for badge in badges)
    hn = soup.select_one("table.children tr[data-row=T01] td[data-indicator=b]")
    assert "Chưa có số liệu" in _text(hn)


def test_children_link_to_their_own_dashboards(client, central_viewer, figures):
    soup = _page(client, central_viewer, "TW")

    links = {_text(a): a["href"] for a in soup.select("table.children td.head a")}
    assert links == {
        LAM_DONG: reverse("indicators:dashboard", args=["T68"]),
        HA_NOI: reverse("indicators:dashboard", args=["T01"]),
    }
    bars = soup.select("ul.bars li")
    assert [_text(li.select_one(".who a")) for li in bars] == [HA_NOI, LAM_DONG]
    assert "66,7%" in _text(soup.select_one("ul.bars li[data-row=T68]"))


def test_a_commune_shows_its_subtree_including_its_branch(client, central_viewer, figures):
    soup = _page(client, central_viewer, "X24000")

    assert _text(_card(soup, "d").select_one("[data-figure=percent]")) == "66,7%"
    assert "2/3" in _text(_card(soup, "d"))
    assert _child_order(soup) == ["Chi đoàn thôn Quảng Lợi"]
    crumbs = [_text(a) for a in soup.select("nav.crumbs a")]
    assert crumbs == ["Trung ương Đoàn TNCS Hồ Chí Minh", LAM_DONG]


def test_breadcrumbs_stop_at_what_the_viewer_may_see(client, viewer, figures):
    soup = _page(client, viewer, "X24000")

    assert [_text(a) for a in soup.select("nav.crumbs a")] == [LAM_DONG]


def test_organisation_and_priority_area_breakdowns(client, central_viewer, figures):
    soup = _page(client, central_viewer, "TW")

    doan = soup.select_one("table.organisations tr[data-row=doan] td[data-indicator=d]")
    assert "2/4" in _text(doan)
    mountain = soup.select_one("table.areas tr[data-row=mountain] td[data-indicator=d]")
    assert "66,7%" in _text(mountain)
    assert "2/3" in _text(mountain)
    island = soup.select_one("table.areas tr[data-row=island]")
    assert "Chưa có số liệu" in _text(island.select_one("td[data-empty]"))


def test_trend_lists_quarter_ends_and_today(client, central_viewer, figures):
    soup = _page(client, central_viewer, "TW")

    rows = soup.select("table.trend-table tbody tr")
    assert len(rows) == Snapshot.objects.filter(kind="period").count() + 1
    assert _text(rows[0].th) == "31/12/2022"
    assert "50,0" in _text(rows[-1])
    assert soup.select("section.trend svg polyline.s-d")


def test_as_of_line_and_pending_banner(client, central_viewer, figures):
    soup = _page(client, central_viewer, "TW")
    assert "Số liệu tính đến" in _text(soup.select_one("[data-as-of]"))
    assert "cập nhật lúc" in _text(soup.select_one("[data-as-of]"))
    assert soup.select_one("[data-pending]") is None

    Snapshot.objects.filter(kind="live").update(stale=True)
    soup = _page(client, central_viewer, "TW")
    assert "Đang cập nhật số liệu" in _text(soup.select_one("[data-pending]"))


def test_declare_link_only_for_organizers(client, organizer, viewer, figures):
    declare = reverse("indicators:declare", args=["T68"])
    targets = reverse("indicators:targets", args=["T68"])

    soup = _page(client, organizer, "T68")
    hrefs = {a["href"] for a in soup.select(".actions a")}
    assert {declare, targets} <= hrefs

    soup = _page(client, viewer, "T68")
    hrefs = {a["href"] for a in soup.select(".actions a")}
    assert declare not in hrefs
    assert targets in hrefs


def test_reports_link_when_the_reports_page_exists(client, viewer, figures):
    try:
        url = reverse("indicators:reports", args=["T68"])
    except NoReverseMatch:
        pytest.skip("the reports page is not mounted yet")
    soup = _page(client, viewer, "T68")
    assert url in {a["href"] for a in soup.select(".actions a")}


def test_nav_links_to_the_indicators_for_viewers_only(client, viewer, learner, figures):
    home = reverse("indicators:home")
    client.force_login(viewer)
    assert home in {
        a["href"]
        for a in BeautifulSoup(client.get("/").content, "html.parser").select("nav.main a")
    }
    client.force_login(learner)
    assert home not in {
        a["href"]
        for a in BeautifulSoup(client.get("/").content, "html.parser").select("nav.main a")
    }


# --- Sorting ------------------------------------------------------------------------------


def test_children_sort_by_name_and_by_indicator(client, central_viewer, figures):
    assert _child_order(_page(client, central_viewer, "TW")) == [HA_NOI, LAM_DONG]
    assert _child_order(_page(client, central_viewer, "TW", sort="name", dir="desc")) == [
        LAM_DONG,
        HA_NOI,
    ]
    assert _child_order(_page(client, central_viewer, "TW", sort="d", dir="desc")) == [
        LAM_DONG,
        HA_NOI,
    ]
    assert _child_order(_page(client, central_viewer, "TW", sort="d", dir="asc")) == [
        HA_NOI,
        LAM_DONG,
    ]


def test_units_without_data_sort_last_either_way(client, central_viewer, figures):
    for direction in ("asc", "desc"):
        order = _child_order(_page(client, central_viewer, "TW", sort="b", dir=direction))
        assert order == [LAM_DONG, HA_NOI]


def test_sort_links_turn_the_current_order_round(client, central_viewer, figures):
    soup = _page(client, central_viewer, "TW", sort="d", dir="desc")

    d_link = soup.select_one(".ind-sort a[data-sort=d]")
    assert d_link["href"].startswith("?sort=d&dir=asc")
    assert d_link.has_attr("aria-current")
    assert soup.select_one(".ind-sort a[data-sort=a]")["href"].startswith("?sort=a&dir=asc")
    assert soup.select_one("ul.bars")["data-indicator"] == "d"


@pytest.mark.parametrize(
    ("query", "named"), [({"sort": "ten"}, "“ten”"), ({"sort": "d", "dir": "len"}, "“len”")]
)
def test_a_bad_sort_is_named_and_answered_400(client, central_viewer, figures, query, named):
    response = _get(client, central_viewer, "TW", **query)

    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert named in _text(soup.select_one(".ind-errors"))
    assert _child_order(soup) == [HA_NOI, LAM_DONG]


# --- Who may see ------------------------------------------------------------------------


def test_home_leads_to_the_users_topmost_unit(client, central_viewer, organizer, tree):
    refresh()
    client.force_login(central_viewer)
    assert client.get(reverse("indicators:home"))["Location"] == reverse(
        "indicators:dashboard", args=["TW"]
    )
    client.force_login(organizer)
    assert client.get(reverse("indicators:home"))["Location"] == reverse(
        "indicators:dashboard", args=["T68"]
    )


def test_a_learner_without_a_role_is_refused(client, learner, tree):
    client.force_login(learner)

    assert client.get(reverse("indicators:home")).status_code == 403
    assert _get(client, learner, "X24000").status_code == 404


def test_login_is_required(client, tree):
    response = client.get(reverse("indicators:dashboard", args=["TW"]))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_another_provinces_organizer_gets_404(client, other_organizer, figures):
    assert _get(client, other_organizer, "T68").status_code == 404
    assert _get(client, other_organizer, "X24000").status_code == 404
    assert _get(client, other_organizer, "TW").status_code == 404
    assert _get(client, other_organizer, "T01").status_code == 200


def test_a_province_viewer_does_not_see_the_national_dashboard(client, viewer, figures):
    assert _get(client, viewer, "TW").status_code == 404


def test_a_user_with_only_a_cadre_record_elsewhere_sees_nothing(client, figures):
    stranger = UserFactory()
    assert _get(client, stranger, "T68").status_code == 404
