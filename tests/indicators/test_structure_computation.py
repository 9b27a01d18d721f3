"""Figures of a past date in the structure of that date or re-aggregated to today's units:
merges, moves and renames, with the unit tree of the date read from the unit history."""

import datetime

import pytest

from indicators.computation import FIELDS, compute, structure_for
from organizations.models import OrgUnit
from organizations.selectors import unit_tree_as_of
from tests.factories import (
    CadreFactory,
    history_merge,
    history_move,
    history_rename,
    make_certificate,
    unit_child,
)

D = datetime.date(2025, 7, 1)
BEFORE = datetime.date(2025, 6, 30)
AFTER = datetime.date(2025, 9, 30)
D_NUM, D_DEN, A_DEN = FIELDS.index("d_num"), FIELDS.index("d_den"), FIELDS.index("a_den")


def d(figures, unit, segment="all") -> tuple[int, int] | None:
    values = figures.get((unit.id, segment))
    return (values[D_NUM], values[D_DEN]) if values else None


@pytest.fixture
def merge(tree):
    """Two Lâm Đồng communes, A (one trained cadre) and B (two untrained), merged into C
    on 1/7/2025."""
    a = unit_child(tree["lam_dong"], "X24101", "Đoàn xã An Phú")
    b = unit_child(tree["lam_dong"], "X24102", "Đoàn xã Bình Lợi")
    make_certificate(CadreFactory(unit=a), "class", issued_on=datetime.date(2024, 5, 1))
    CadreFactory(unit=b)
    CadreFactory(unit=b)
    c = history_merge([a, b], "X24100", "Đoàn xã An Bình", on=D)
    tree["lam_dong"].refresh_from_db()
    return a, b, c


# --- Merge --------------------------------------------------------------------------------


def test_period_structure_before_a_merge_shows_the_sources_apart_and_no_successor(tree, merge):
    a, b, c = merge

    figures = compute(as_of=BEFORE, structure="period")

    assert d(figures, a) == (1, 1)
    assert d(figures, b) == (0, 2)
    assert not any(unit_id == c.id for unit_id, _segment in figures)
    assert d(figures, tree["lam_dong"]) == (1, 3)


def test_todays_structure_before_a_merge_adds_the_sources_into_the_successor(tree, merge):
    a, b, c = merge

    figures = compute(as_of=BEFORE)

    assert d(figures, c) == (1, 3)
    assert figures[(c.id, "all")][A_DEN] == 2  # A and B were the "cấp bộ" then, not C
    assert d(figures, tree["lam_dong"]) == (1, 3)


def test_both_structures_give_the_same_totals_above_the_merged_units(tree, merge):
    period = compute(as_of=BEFORE, structure="period")
    today = compute(as_of=BEFORE)

    for unit in (tree["lam_dong"], tree["central"]):
        assert period[(unit.id, "all")] == today[(unit.id, "all")]


def test_after_the_merge_both_structures_agree(tree, merge):
    a, _b, c = merge

    period = compute(as_of=AFTER, structure="period")

    assert period == compute(as_of=AFTER)
    assert d(period, c) == (1, 3)
    assert d(period, a) is None  # its posts ended the day before the merge
    assert structure_for("period", AFTER) == "today"
    assert structure_for("period", D) == "today"
    assert structure_for("period", BEFORE) == "period"


def test_without_any_restructuring_the_period_structure_is_todays(tree, cadre_ld):
    assert structure_for("period", BEFORE) == "today"
    assert compute(as_of=BEFORE, structure="period") == compute(as_of=BEFORE)


def test_a_subtree_in_the_period_structure_holds_the_units_it_had_then(tree, merge):
    a, b, c = merge

    figures = compute(as_of=BEFORE, root=tree["lam_dong"], structure="period")

    assert d(figures, a) == (1, 1)
    assert d(figures, tree["lam_dong"]) == (1, 3)
    assert tree["central"].id not in {unit_id for unit_id, _s in figures}
    assert compute(as_of=BEFORE, root=c, structure="period") == {}


def test_an_unknown_structure_is_refused(tree):
    with pytest.raises(ValueError):
        compute(as_of=BEFORE, structure="yesterday")


# --- Move and rename ----------------------------------------------------------------------


@pytest.fixture
def moved(tree, cadre_ld):
    """The Lâm Đồng commune (its cadre trained) moved to Hà Nội on 1/7/2025."""
    make_certificate(cadre_ld, "class", issued_on=datetime.date(2024, 5, 1))
    history_move(tree["commune"], tree["ha_noi"], on=D)
    for unit in tree.values():
        unit.refresh_from_db()
    return tree["commune"]


def test_a_moved_unit_counts_in_its_former_parent_in_the_period_structure(tree, moved):
    period = compute(as_of=BEFORE, structure="period")
    today = compute(as_of=BEFORE)

    assert d(period, tree["lam_dong"]) == (1, 1)
    assert d(period, tree["ha_noi"]) in (None, (0, 0))
    assert d(today, tree["ha_noi"]) == (1, 1)
    assert d(today, tree["lam_dong"]) in (None, (0, 0))
    assert d(period, tree["central"]) == d(today, tree["central"]) == (1, 1)


def test_priority_areas_follow_the_parents_of_the_date(tree, moved):
    """Lâm Đồng is mountainous: its commune was in the area then, not since it moved."""
    period = compute(as_of=BEFORE, structure="period")
    today = compute(as_of=BEFORE)

    assert d(period, moved, "mountain") == (1, 1)
    assert d(period, tree["central"], "mountain") == (1, 1)
    assert d(today, moved, "mountain") is None
    assert d(today, tree["central"], "mountain") in (None, (0, 0))


def test_the_tree_of_a_date_keeps_former_names_parents_and_existence(tree, merge):
    a, b, c = merge
    history_rename(tree["commune"], "Đoàn xã Quảng Khê mới", on=datetime.date(2025, 10, 1))
    history_rename(tree["commune"], "Đoàn xã Quảng Khê 2026", on=datetime.date(2026, 1, 1))

    before = unit_tree_as_of(as_of=BEFORE)
    between = unit_tree_as_of(as_of=datetime.date(2025, 12, 31))
    now = unit_tree_as_of(as_of=datetime.date(2026, 1, 1))

    assert before[a.id] == (tree["lam_dong"].id, "Đoàn xã An Phú", a.level)
    assert c.id not in before
    assert a.id not in between and c.id in between
    assert before[tree["commune"].id][1] == "Đoàn xã Quảng Khê"  # the earliest version
    assert between[tree["commune"].id][1] == "Đoàn xã Quảng Khê mới"
    assert now[tree["commune"].id][1] == "Đoàn xã Quảng Khê 2026"
    assert OrgUnit.objects.get(pk=a.pk).get_parent() == c  # today's tree keeps the source
