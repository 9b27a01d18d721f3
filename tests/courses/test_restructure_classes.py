"""Classes follow a restructuring from its date on; earlier classes keep their host."""

import datetime
import itertools

import pytest

from courses.models import TrainingClass
from courses.restructure import units_restructured_received
from organizations.models import OrgUnit, Role
from organizations.services import unit_move, unit_split, units_merge
from tests.factories import (
    CadreFactory,
    UserFactory,
    grant,
    make_certificate,
    make_course,
    unit_child,
)

EFF = datetime.date(2025, 7, 1)
_codes = itertools.count(1)


@pytest.fixture
def course(db):
    return make_course("Điều phối tình nguyện", modules=1, lessons=1)


def hosted(course, unit, start: datetime.date) -> TrainingClass:
    return TrainingClass.objects.create(
        course=course,
        code=f"LOP-RS-{next(_codes)}",
        title=f"Lớp {unit.code} {start:%m/%Y}",
        mode="in_person",
        level="grassroots",
        host_unit=unit,
        start_date=start,
        end_date=start + datetime.timedelta(days=2),
    )


@pytest.fixture
def setting(tree, course):
    a = unit_child(tree["lam_dong"], "X24001", "Đoàn xã An Nhơn")
    b = unit_child(tree["lam_dong"], "X24002", "Đoàn xã Bình Lợi")
    return {
        "a": a,
        "b": b,
        "earlier": hosted(course, a, datetime.date(2025, 6, 10)),
        "later": hosted(course, a, datetime.date(2025, 7, 15)),
        "on_the_day": hosted(course, b, EFF),
    }


def merge(actor, tree, setting, **kwargs):
    return units_merge(
        actor=actor,
        sources=[setting["a"], setting["b"]],
        new_code="X24100",
        new_name="Đoàn xã An Bình",
        parent=tree["lam_dong"],
        effective_on=EFF,
        request_key="merge-classes",
        **kwargs,
    )


def host_code(training_class) -> str:
    return TrainingClass.objects.get(pk=training_class.pk).host_unit.code


def test_classes_from_the_date_move_to_the_new_unit_and_earlier_ones_stay(organizer, tree, setting):
    merge(organizer, tree, setting)

    assert host_code(setting["later"]) == "X24100"
    assert host_code(setting["on_the_day"]) == "X24100"
    assert host_code(setting["earlier"]) == "X24001"


def test_plan_lists_the_moving_classes_and_the_certificates_that_stay(organizer, tree, setting):
    make_certificate(CadreFactory(unit=setting["a"]), issuing_unit=setting["a"])

    plan = merge(organizer, tree, setting, dry_run=True)

    classes = next(s for s in plan.others if s.key == "classes")
    assert classes.count == 2
    assert "2 lớp bắt đầu từ 01/07/2025 chuyển về Đoàn xã An Bình" in classes.lines
    assert any("giữ đơn vị tổ chức cũ" in line for line in classes.lines)
    certificates = next(s for s in plan.others if s.key == "certificates_kept")
    assert certificates.count == 1
    assert host_code(setting["later"]) == "X24001"  # a dry run moves nothing


def test_moving_classes_again_changes_nothing(organizer, tree, setting):
    merge(organizer, tree, setting)
    new = OrgUnit.objects.get(code="X24100")

    units_restructured_received(
        None, moved_hosts={setting["a"].pk: new.pk}, effective_on=EFF, change=None
    )

    assert TrainingClass.objects.filter(host_unit=new).count() == 2
    assert host_code(setting["earlier"]) == "X24001"


def test_dissolving_split_hands_later_classes_to_the_first_part(organizer, tree, setting):
    unit_split(
        actor=organizer,
        unit=setting["a"],
        parts=[
            {"code": "X24011", "name": "Đoàn xã An Nhơn Bắc"},
            {"code": "X24012", "name": "Đoàn xã An Nhơn Nam"},
        ],
        dissolve=True,
        effective_on=EFF,
        request_key="split-classes",
    )

    assert host_code(setting["later"]) == "X24011"
    assert host_code(setting["earlier"]) == "X24001"


def test_a_moved_unit_keeps_all_its_classes(tree, setting):
    central = UserFactory()
    grant(central, Role.ORGANIZER, tree["central"])

    plan = unit_move(
        actor=central,
        unit=setting["a"],
        new_parent=tree["ha_noi"],
        effective_on=EFF,
        request_key="move-classes",
    )

    assert host_code(setting["later"]) == host_code(setting["earlier"]) == "X24001"
    assert not [s for s in plan.others if s.key == "classes"]


def test_classes_move_without_a_query_per_class(organizer, tree, course):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def apply(n: int) -> int:
        a = unit_child(tree["lam_dong"], f"X{n}A", f"Đoàn xã {n}A")
        b = unit_child(tree["lam_dong"], f"X{n}B", f"Đoàn xã {n}B")
        for _ in range(n):
            hosted(course, a, datetime.date(2025, 7, 15))
        with CaptureQueriesContext(connection) as queries:
            units_merge(
                actor=organizer, sources=[a, b], new_code=f"X{n}N", new_name=f"Đoàn xã {n}N",
                parent=tree["lam_dong"], effective_on=EFF, request_key=f"merge-{n}",
            )  # fmt: skip
        assert TrainingClass.objects.filter(host_unit__code=f"X{n}N").count() == n
        return len(queries)

    apply(1)  # the actor's roles are read once
    assert apply(12) == apply(2)
