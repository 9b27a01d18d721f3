"""Restructuring guards: refused input writes nothing, and work does not grow per row."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organizations.models import Cadre, Level, OrgUnit, UnitChange
from organizations.services import units_merge
from tests.factories import CadreFactory, unit_child

EFF = datetime.date(2025, 7, 1)


@pytest.fixture
def pair(tree):
    a = unit_child(tree["lam_dong"], "X24001", "Đoàn xã An Nhơn")
    b = unit_child(tree["lam_dong"], "X24002", "Đoàn xã Bình Lợi")
    return OrgUnit.objects.get(pk=a.pk), OrgUnit.objects.get(pk=b.pk)


def merge(actor, tree, pair, **kwargs):
    args = {
        "sources": list(pair),
        "new_code": "X24100",
        "new_name": "Đoàn xã An Bình",
        "parent": tree["lam_dong"],
        "effective_on": EFF,
        "request_key": "merge-guard",
        **kwargs,
    }
    return units_merge(actor=actor, **args)


def test_new_unit_cannot_be_placed_inside_a_unit_being_merged(organizer, tree, pair):
    a, _b = pair
    paths = dict(OrgUnit.objects.values_list("code", "path"))

    with pytest.raises(ValidationError) as raised:
        merge(organizer, tree, pair, parent=a, new_level=Level.BRANCH)

    assert "đang được sáp nhập" in raised.value.message_dict["parent"][0]
    assert not UnitChange.objects.exists()
    assert dict(OrgUnit.objects.values_list("code", "path")) == paths
    assert all(not problems for problems in OrgUnit.find_problems())


def test_a_date_before_1900_is_refused_with_a_message(organizer, tree, pair):
    CadreFactory(unit=pair[0])

    with pytest.raises(ValidationError) as raised:
        merge(organizer, tree, pair, effective_on=datetime.date(1, 1, 1), dry_run=True)

    assert "quá xa trong quá khứ" in raised.value.message_dict["effective_on"][0]


def _dry_run_queries(organizer, tree, pair, n: int) -> int:
    a, _b = pair
    for i in range(n):
        unit_child(OrgUnit.objects.get(pk=a.pk), f"C{n}-{i}", f"Chi đoàn {i}", level=Level.BRANCH)
        CadreFactory(unit=a)
    with CaptureQueriesContext(connection) as queries:
        merge(organizer, tree, pair, dry_run=True)
    return len(queries)


def test_dry_run_reads_the_same_number_of_queries_for_a_bigger_subtree(organizer, tree, pair):
    merge(organizer, tree, pair, dry_run=True)  # the actor's roles are read once
    small = _dry_run_queries(organizer, tree, pair, 1)
    big = _dry_run_queries(organizer, tree, pair, 12)

    assert big == small


def _apply_queries(organizer, tree, n: int) -> int:
    """Merge two fresh communes whose `n` cadres have no open post left."""
    a = unit_child(tree["lam_dong"], f"X{n}A", f"Đoàn xã {n}A")
    b = unit_child(tree["lam_dong"], f"X{n}B", f"Đoàn xã {n}B")
    for _ in range(n):
        CadreFactory(unit=a).posts.update(
            start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2025, 3, 1)
        )
    with CaptureQueriesContext(connection) as queries:
        merge(organizer, tree, (a, b), new_code=f"X{n}N", request_key=f"merge-{n}")
    new = OrgUnit.objects.get(code=f"X{n}N")
    assert Cadre.objects.filter(unit=new).count() == n
    assert not Cadre.objects.filter(unit__in=[a, b]).exists()
    return len(queries)


def test_cadres_follow_the_merge_without_a_query_per_cadre(organizer, tree, pair):
    merge(organizer, tree, pair, dry_run=True)  # the actor's roles are read once
    assert _apply_queries(organizer, tree, 12) == _apply_queries(organizer, tree, 1)
