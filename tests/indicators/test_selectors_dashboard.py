"""A unit's dashboard, read from the stored figures."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from indicators import rules
from indicators.rules import Status
from indicators.selectors import indicator_dashboard
from indicators.services import snapshot_live, snapshot_refresh, snapshots_refresh_stale
from organizations.models import Organisation, Role
from tests.factories import (
    CadreFactory,
    TargetFactory,
    UserFactory,
    grant,
    make_certificate,
    unit_child,
)


def trained(unit, count: int, *, issued_on=None):
    for _ in range(count):
        make_certificate(CadreFactory(unit=unit), "class", issued_on=issued_on)


def dashboard(user, unit, **kwargs):
    return indicator_dashboard(user=user, unit=unit, **kwargs)


@pytest.fixture
def admin(db):
    return UserFactory(email="quantri@example.vn", is_superuser=True, is_staff=True)


@pytest.fixture
def units(tree, cadre_ld, cadre_hn):
    """Lâm Đồng: one trained of one; Hà Nội: none of one; a new province without cadres."""
    make_certificate(cadre_ld, "class")
    empty = unit_child(tree["central"], "T99", "Tỉnh Đoàn Mới Lập")
    snapshots_refresh_stale(live_only=True)
    return {**tree, "empty": empty}


def test_overall_figures_are_the_subtree_counts(units, admin):
    board = dashboard(admin, units["central"])

    d = board.overall.figures["d"]
    assert (d.num, d.den, d.percent) == (1, 2, 50.0)
    assert d.status == Status.OFF_TRACK
    assert d.target == 100
    a = board.overall.figures["a"]
    assert (a.num, a.den) == (2, 6), "the two communes keep cadre records on the platform"
    assert board.as_of == timezone.localdate()
    assert board.pending is False
    assert board.overall.unit == units["central"]


def test_children_rows_include_a_child_without_data(units, admin):
    board = dashboard(admin, units["central"])

    rows = {row.unit.code: row for row in board.children}
    assert set(rows) == {"T68", "T01", "T99"}
    assert rows["T68"].figures["d"].percent == 100.0
    assert rows["T01"].figures["d"].percent == 0.0
    assert rows["T99"].figures["d"].percent is None
    assert rows["T99"].figures["d"].status == Status.NO_DATA
    assert rows["T99"].figures["a"].den == 1


def test_organisation_and_area_rows(units, admin):
    student = CadreFactory(unit=units["commune_hn"])
    student.posts.update(organisation=Organisation.HOI_SV)
    make_certificate(student, "course")
    snapshot_refresh(snapshot_id=snapshot_live().pk, force=True)

    board = dashboard(admin, units["central"])

    organisations = {row.segment: row for row in board.organisations}
    assert set(organisations) == {"doan", "hoi_sv"}
    assert organisations["hoi_sv"].figures["d"].percent == 100.0
    assert str(organisations["hoi_sv"].label) == "Hội Sinh viên Việt Nam"
    assert organisations["doan"].figures["d"].den == 2
    areas = {row.segment: row for row in board.areas}
    assert list(areas) == ["ethnic", "mountain", "border", "island"]
    assert areas["mountain"].figures["d"].percent == 100.0
    assert areas["island"].figures["d"].percent is None


def test_children_sort_by_an_indicator_with_missing_figures_last(units, admin):
    codes = [r.unit.code for r in dashboard(admin, units["central"], sort="d").children]
    assert codes == ["T01", "T68", "T99"]

    board = dashboard(admin, units["central"], sort="d", descending=True)
    assert [r.unit.code for r in board.children] == ["T68", "T01", "T99"]
    assert (board.sort, board.descending) == ("d", True)

    by_name = dashboard(admin, units["central"], sort="nonsense")
    assert by_name.sort == "name"
    assert [r.label for r in by_name.children] == sorted(r.label for r in by_name.children)


def test_breadcrumbs_name_only_units_the_user_may_view(units, viewer, admin):
    assert dashboard(viewer, units["commune"]).breadcrumbs == [units["lam_dong"]]
    assert dashboard(admin, units["commune"]).breadcrumbs == [
        units["central"],
        units["lam_dong"],
    ]
    assert dashboard(viewer, units["lam_dong"]).breadcrumbs == []


def test_dashboard_before_the_first_computation_is_pending(tree, cadre_ld, admin):
    board = dashboard(admin, tree["central"])

    assert board.pending is True
    assert board.overall.figures["d"].status == Status.NO_DATA
    assert board.trend == []


def test_trend_comes_from_quarter_end_snapshots(tree, cadre_ld, admin):
    make_certificate(cadre_ld, "class", issued_on=datetime.date(2025, 5, 2))
    snapshots_refresh_stale()

    board = dashboard(admin, tree["lam_dong"])

    trend = dict(board.trend)
    ends = rules.quarter_ends(timezone.localdate())
    assert list(trend) == [*ends, board.as_of]
    assert trend[datetime.date(2025, 3, 31)]["d"] == 0.0
    assert trend[datetime.date(2025, 6, 30)]["d"] == 100.0
    assert trend[board.as_of]["d"] == 100.0
    assert trend[datetime.date(2025, 3, 31)]["b"] is None


def test_a_provinces_raised_target_is_used_for_its_row(tree, admin):
    for province in (tree["lam_dong"], tree["ha_noi"]):
        trained(province, 3)
        CadreFactory(unit=province)
    snapshots_refresh_stale(live_only=True)
    before = {r.unit.code: r for r in dashboard(admin, tree["central"]).children}
    assert before["T68"].figures["d"].percent == 75.0
    assert before["T68"].figures["d"].status == Status.AT_RISK

    TargetFactory(unit=tree["lam_dong"], indicator="d", year=2025, percent=95)
    after = {r.unit.code: r for r in dashboard(admin, tree["central"]).children}

    assert after["T68"].figures["d"].status == Status.OFF_TRACK
    assert (
        after["T68"].figures["d"].judgement.expected > before["T68"].figures["d"].judgement.expected
    )
    assert after["T01"].figures["d"].status == Status.AT_RISK
    assert dashboard(admin, tree["lam_dong"]).targets["d"][2025] == 95


def _queries_for_dashboard(user_pk, unit) -> int:
    user = get_user_model().objects.get(pk=user_pk)
    with CaptureQueriesContext(connection) as queries:
        board = indicator_dashboard(user=user, unit=unit, sort="d")
        assert board.children
    return len(queries)


def test_dashboard_queries_do_not_grow_with_the_children(tree, django_assert_max_num_queries):
    national = UserFactory(email="theodoi.trunguong@example.vn")
    grant(national, Role.PROGRAMME_VIEWER, tree["central"])
    province = tree["lam_dong"]
    for i in range(1, 21):
        unit = unit_child(province, f"X2410{i:02d}", f"Đoàn xã số {i}")
        if i == 1:
            trained(unit, 1)
            TargetFactory(unit=unit, indicator="d", year=2030, percent=100)
    snapshots_refresh_stale()
    province.refresh_from_db()
    many = _queries_for_dashboard(national.pk, province)

    small = unit_child(tree["ha_noi"], "X00099", "Đoàn phường Một")
    trained(small, 1)
    snapshots_refresh_stale()
    few = _queries_for_dashboard(national.pk, tree["ha_noi"])

    assert many == few
    with django_assert_max_num_queries(15):
        indicator_dashboard(user=national, unit=province)
