"""Fixtures of the indicators pages: a central programme viewer, a branch under the Lâm Đồng
commune (four levels), and a small set of figures across both provinces."""

from dataclasses import dataclass

import pytest

from indicators.services import snapshot_live, snapshot_refresh, snapshots_refresh_stale
from organizations.models import Level, OrgUnit, Role
from tests.factories import (
    CadreFactory,
    DeclarationFactory,
    UserFactory,
    grant,
    make_certificate,
    unit_child,
)


@pytest.fixture
def branch(tree):
    """Central → Lâm Đồng → Quảng Khê commune → this branch."""
    return unit_child(tree["commune"], "C24000-01", "Chi đoàn thôn Quảng Lợi", level=Level.BRANCH)


@pytest.fixture
def central_viewer(tree):
    user = UserFactory(email="theodoi.trunguong@example.vn")
    grant(user, Role.PROGRAMME_VIEWER, tree["central"])
    return user


@pytest.fixture
def commune_organizer(tree):
    user = UserFactory(email="tochuc.quangkhe@example.vn")
    grant(user, Role.ORGANIZER, tree["commune"])
    return user


@dataclass
class Figures:
    """What the pages should show: (d) is 2 of 3 cadres trained in Lâm Đồng (two in the
    commune, one in its branch), 0 of 1 in Hà Nội; (b) 6 of 10 and (c) 3 of 4 from the
    commune's declaration; Hà Nội declared nothing."""

    tree: dict
    branch: OrgUnit


@pytest.fixture
def figures(tree, branch, organizer, cadre_ld, cadre_hn):
    make_certificate(cadre_ld, "class")
    CadreFactory(unit=tree["commune"], full_name="Lê Văn Bình")
    make_certificate(CadreFactory(unit=branch, full_name="Phạm Thị Mai"), "course")
    DeclarationFactory(
        unit=tree["commune"],
        activities_held=10,
        activities_on_portal=6,
        campaigns=4,
        campaigns_with_models=3,
        declared_by=organizer,
    )
    refresh()
    for unit in tree.values():
        unit.refresh_from_db()
    return Figures(tree, branch)


def refresh() -> None:
    """Compute the live snapshot (and the quarter-ends) now: in most tests nothing commits,
    so the refresh queued after commit never runs by itself; and rows written directly by
    factories (declarations) do not mark the snapshot stale."""
    snapshots_refresh_stale()
    snapshot_refresh(snapshot_id=snapshot_live().pk, force=True)
