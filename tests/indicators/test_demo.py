"""The indicators demo: Đắk Nông's former communes in Lâm Đồng, below target in places.

seed_demo runs it last; the seed_demo tests of organizations and courses run it there."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from vietnam_provinces import Ward

from certificates.models import Certificate
from courses.models import ClassParticipant, TrainingClass
from indicators.demo import COMMUNES, LAM_DONG, ORGANIZER_EMAIL
from indicators.models import Declaration, Rollup, Snapshot, Target
from indicators.selectors import indicator_dashboard
from organizations.models import Cadre, OrgUnit, Post, Role
from tests.factories import (
    UserFactory,
    certificate_templates,
    grant,
    make_course,
    unit_child,
    unit_root,
)

pytestmark = pytest.mark.django_db

DAK_NONG = [c.code for c in COMMUNES]
VIEWER_EMAIL = "theodoi.lamdong@suctre.vn"


def counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (
            Cadre,
            Post,
            TrainingClass,
            ClassParticipant,
            Certificate,
            Declaration,
            Target,
            Snapshot,
            Rollup,
        )
    }


def _commune_name(code: str) -> str:
    name = Ward.from_code(int(code[1:])).name
    return "Đoàn " + name[0].lower() + name[1:]


def _run() -> str:
    out = StringIO()
    call_command("seed_demo_indicators", stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(db):
    """What the indicators demo needs from the preceding demos, kept small: Lâm Đồng with
    the six former Đắk Nông communes, its organizer and viewer, the TN-101 course and the
    nationwide certificate templates. Then the demo twice."""
    lam_dong = unit_child(
        unit_root(), LAM_DONG, "Tỉnh Đoàn Lâm Đồng", is_mountain=True, is_border=True
    )
    for code in DAK_NONG:
        unit_child(lam_dong, code, _commune_name(code))
    grant(UserFactory(email=ORGANIZER_EMAIL), Role.ORGANIZER, lam_dong)
    grant(UserFactory(email=VIEWER_EMAIL), Role.PROGRAMME_VIEWER, lam_dong)
    make_course(title="Kỹ năng quản lý, điều phối hoạt động tình nguyện", code="TN-101")
    certificate_templates()
    first_output = _run()
    after_first = counts()
    second_output = _run()
    return {"counts": (after_first, counts()), "output": (first_output, second_output)}


def _viewer():
    return get_user_model().objects.get(email=VIEWER_EMAIL)


def test_former_dak_nong_communes_have_cadres_classes_and_declarations(seeded):
    lam_dong = OrgUnit.objects.get(code=LAM_DONG)
    communes = OrgUnit.objects.filter(code__in=DAK_NONG)
    assert communes.count() == len(DAK_NONG) >= 4
    assert all(c.is_within(lam_dong) and c.is_mountain for c in communes)
    assert communes.filter(is_border=True).exists()
    counted = Post.objects.filter(
        unit__in=communes, kind="dedicated", in_charge_of_volunteer_work=True
    )
    assert 30 <= Cadre.objects.filter(unit__in=communes).count() <= 40
    assert counted.count() == sum(c.counted for c in COMMUNES)
    trained = Certificate.objects.filter(cadre__posts__in=counted, kind="class").distinct()
    assert 0 < trained.count() < counted.count()
    for unit in [lam_dong, *communes]:
        years = set(Declaration.objects.filter(unit=unit).values_list("year", flat=True))
        assert years == {2024, 2025, 2026}, unit.code
    assert Target.objects.filter(unit=lam_dong, indicator="a", year=2025, percent=70).exists()


def test_live_figures_show_communes_below_and_at_the_d_target(seeded):
    viewer = _viewer()
    below = at_or_above = 0
    for code in DAK_NONG:
        figure = indicator_dashboard(user=viewer, unit=OrgUnit.objects.get(code=code))
        d = figure.overall.figures["d"]
        assert d.den > 0, code
        if d.percent >= d.target:
            at_or_above += 1
        else:
            below += 1
    assert below >= 1 and at_or_above >= 1


def test_province_dashboard_has_a_trend_its_own_target_and_figures_below_target(seeded):
    dashboard = indicator_dashboard(user=_viewer(), unit=OrgUnit.objects.get(code=LAM_DONG))

    assert not dashboard.pending
    assert len(dashboard.trend) >= 8
    assert dashboard.targets["a"][2025] == 70
    children = {row.unit.code: row for row in dashboard.children}
    statuses = {
        row.figures[i].status for code, row in children.items() if code in DAK_NONG for i in "bcd"
    }
    assert "off_track" in statuses and "on_track" in statuses


def test_second_run_writes_nothing(seeded):
    first, second = seeded["counts"]
    assert first["Cadre"] > 0 and first["Declaration"] > 0 and first["Certificate"] > 0
    assert first == second
    assert "cán bộ mới 0, lớp mới 0, giấy chứng nhận cấp 0, kê khai mới 0" in seeded["output"][1]
