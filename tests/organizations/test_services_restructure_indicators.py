"""Indicators before and after a split and a merge made through the services, in today's
structure and in the structure of the date."""

import datetime

from django.utils import timezone

from indicators.computation import compute
from organizations.models import OrgUnit
from organizations.services import unit_split, units_merge
from tests.factories import make_certificate
from tests.organizations import test_services_restructure as base
from tests.organizations.test_services_restructure import BEFORE, EFF, d_figure

communes = base.communes  # the same two communes, each with a cadre


def test_split_keeps_the_past_at_the_unit_and_shares_today_between_the_parts(
    organizer, tree, communes
):
    a, moving, province = communes["a"], communes["cadre_a"], tree["lam_dong"]
    make_certificate(moving, "class", issued_on=datetime.date(2024, 5, 1))
    today = timezone.localdate()
    province_past = d_figure(compute(as_of=BEFORE), province)
    province_today = d_figure(compute(as_of=today), province)
    assert d_figure(compute(as_of=BEFORE), a) == (1, 1)

    unit_split(
        actor=organizer,
        unit=a,
        parts=[{"code": "X24011", "name": "Đoàn xã An Nhơn Bắc", "cadres": [moving.code]}],
        dissolve=False,
        effective_on=EFF,
        request_key="split-indicators",
    )

    part = OrgUnit.objects.get(code="X24011")
    for structure in ("today", "period"):
        past = compute(as_of=BEFORE, structure=structure)
        assert d_figure(past, a) == (1, 1)  # the cadre's post was at the unit then
        assert d_figure(past, province) == province_past
    assert part.pk not in compute(as_of=BEFORE, structure="period")
    now = compute(as_of=today)
    assert d_figure(now, part) == (1, 1)
    assert d_figure(now, a) == (0, 0)
    assert d_figure(now, province) == province_today


def test_merge_past_in_the_period_structure_keeps_the_sources_apart(organizer, tree, communes):
    make_certificate(communes["cadre_a"], "class", issued_on=datetime.date(2024, 5, 1))

    units_merge(
        actor=organizer,
        sources=[communes["a"], communes["b"]],
        new_code="X24100",
        new_name="Đoàn xã An Bình",
        parent=tree["lam_dong"],
        effective_on=EFF,
        request_key="merge-period",
    )

    new = OrgUnit.objects.get(code="X24100")
    period = compute(as_of=BEFORE, structure="period")
    assert d_figure(period, communes["a"]) == (1, 1)
    assert d_figure(period, communes["b"]) == (0, 1)
    assert new.pk not in period
    assert d_figure(compute(as_of=BEFORE, structure="today"), new) == (1, 2)
