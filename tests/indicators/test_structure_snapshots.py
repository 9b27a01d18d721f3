"""Period-structure snapshots: kept only for quarter-ends before the latest restructuring,
with the parents and names of their date, and refreshed like every other snapshot."""

import datetime

import pytest

from indicators.models import Report, Rollup, Snapshot
from indicators.services import snapshot_mark_stale, snapshots_ensure_periods, snapshots_nightly
from indicators.services.reports import report_data
from organizations.models import UnitChange
from tests.factories import (
    CadreFactory,
    history_merge,
    history_rename,
    make_certificate,
    unit_child,
)
from tests.indicators.conftest import refresh

D = datetime.date(2025, 7, 1)
BEFORE = datetime.date(2025, 6, 30)
TODAY = datetime.date(2026, 1, 15)
PERIOD = Snapshot.Structure.PERIOD


@pytest.fixture
def merge(tree):
    a = unit_child(tree["lam_dong"], "X24101", "Đoàn xã An Phú")
    b = unit_child(tree["lam_dong"], "X24102", "Đoàn xã Bình Lợi")
    make_certificate(CadreFactory(unit=a), "class", issued_on=datetime.date(2024, 5, 1))
    CadreFactory(unit=b)
    c = history_merge([a, b], "X24100", "Đoàn xã An Bình", on=D)
    tree["lam_dong"].refresh_from_db()
    return a, b, c


def _periods(structure):
    return list(
        Snapshot.objects.filter(kind=Snapshot.Kind.PERIOD, structure=structure)
        .order_by("as_of")
        .values_list("as_of", flat=True)
    )


def _rows(as_of, structure, **filters):
    snapshot = Snapshot.objects.get(kind=Snapshot.Kind.PERIOD, as_of=as_of, structure=structure)
    return Rollup.objects.filter(snapshot=snapshot, generation=snapshot.generation, **filters)


def test_without_restructuring_only_todays_structure_is_kept(tree):
    snapshots_ensure_periods(today=TODAY)

    assert _periods(PERIOD) == []
    assert len(_periods(Snapshot.Structure.TODAY)) == 13


def test_period_structure_snapshots_are_made_only_before_the_latest_change(tree, merge):
    snapshots_ensure_periods(today=TODAY)

    dates = _periods(PERIOD)
    assert dates[0] == datetime.date(2022, 12, 31)
    assert dates[-1] == BEFORE
    assert len(dates) == 11
    assert len(_periods(Snapshot.Structure.TODAY)) == 13
    assert snapshots_ensure_periods(today=TODAY) == 0  # made once


def test_a_period_structure_snapshot_no_longer_needed_is_dropped(tree, merge):
    snapshots_ensure_periods(today=TODAY)
    UnitChange.objects.all().delete()

    snapshots_ensure_periods(today=TODAY)

    assert _periods(PERIOD) == []


def test_refresh_stores_the_units_of_the_date_with_their_parent_and_name(tree, merge):
    a, b, c = merge
    refresh()

    then = {r.unit_id: r for r in _rows(BEFORE, PERIOD, segment="all")}
    assert then[a.id].parent_id == tree["lam_dong"].id
    assert then[a.id].name == "Đoàn xã An Phú"
    assert (then[a.id].d_num, then[a.id].d_den) == (1, 1)
    assert then[b.id].parent_id == tree["lam_dong"].id
    assert c.id not in then
    assert then[tree["central"].id].parent_id is None
    assert then[tree["central"].id].name == tree["central"].name
    now = {r.unit_id: r for r in _rows(BEFORE, Snapshot.Structure.TODAY, segment="all")}
    assert (now[c.id].d_num, now[c.id].d_den) == (1, 2)
    assert now[c.id].parent_id is None and now[c.id].name == ""


def test_a_rename_keeps_the_former_name_in_the_period_structure(tree, cadre_ld):
    history_rename(tree["commune"], "Đoàn xã Quảng Khê mới", on=D)
    refresh()

    row = _rows(BEFORE, PERIOD, unit=tree["commune"], segment="all").get()
    assert row.name == "Đoàn xã Quảng Khê"


def test_a_change_marks_period_structure_snapshots_stale_and_a_refresh_recomputes_them(
    tree, merge, django_capture_on_commit_callbacks, settings
):
    a, _b, _c = merge
    refresh()
    snapshot = Snapshot.objects.get(kind=Snapshot.Kind.PERIOD, as_of=BEFORE, structure=PERIOD)
    generation = snapshot.generation
    settings.INDICATOR_REFRESH_AFTER_COMMIT = False

    make_certificate(CadreFactory(unit=a), "class", issued_on=datetime.date(2025, 1, 10))
    with django_capture_on_commit_callbacks(execute=True):
        snapshot_mark_stale(since=datetime.date(2025, 1, 10))

    snapshot.refresh_from_db()
    assert snapshot.stale
    assert not Snapshot.objects.get(
        kind=Snapshot.Kind.PERIOD, as_of=datetime.date(2024, 12, 31), structure=PERIOD
    ).stale
    refresh()
    snapshot.refresh_from_db()
    assert not snapshot.stale and snapshot.generation > generation
    row = _rows(BEFORE, PERIOD, unit=a, segment="all").get()
    assert (row.d_num, row.d_den) == (2, 2)


def test_the_weekly_recomputation_covers_the_period_structure(tree, merge):
    refresh()
    snapshot = Snapshot.objects.get(kind=Snapshot.Kind.PERIOD, as_of=BEFORE, structure=PERIOD)
    generation = snapshot.generation

    snapshots_nightly(today=datetime.date(2026, 1, 18))  # a Sunday

    snapshot.refresh_from_db()
    assert snapshot.generation > generation and not snapshot.stale


# --- Reports ------------------------------------------------------------------------------


def _report(unit, kind, cutoff):
    return report_data(Report.objects.create(unit=unit, kind=kind, cutoff=cutoff))


def test_a_midterm_report_before_a_merge_is_drawn_in_the_structure_of_its_cutoff(tree, merge):
    a, b, c = merge

    data = _report(tree["lam_dong"], Report.Kind.MIDTERM, BEFORE)

    assert data["structure"] == "period"
    names = {child["code"]: child["name"] for child in data["children"]}
    assert names["X24101"] == "Đoàn xã An Phú" and "X24102" in names
    assert "X24100" not in names
    by_code = {child["code"]: child for child in data["children"]}
    assert by_code["X24101"]["figures"]["d"]["num"] == 1
    assert data["figures"]["d"]["den"] == 2


def test_a_midterm_report_of_a_unit_formed_later_is_drawn_in_todays_structure(tree, merge):
    _a, _b, c = merge

    data = _report(c, Report.Kind.MIDTERM, BEFORE)

    assert data["structure"] == "today"
    assert data["figures"]["d"]["den"] == 2  # A and B added into it


def test_a_final_report_is_drawn_in_todays_structure(tree, merge):
    data = _report(tree["lam_dong"], Report.Kind.FINAL, datetime.date(2026, 1, 10))

    assert data["structure"] == "today"
    assert [child["code"] for child in data["children"]].count("X24100") == 1
