import pytest
from django.core.cache import cache

from organizations.models import Role
from tests.factories import CadreFactory, UserFactory, grant, unit_child, unit_root


@pytest.fixture
def tree(db):
    """Central → two provinces → communes: enough to test every scope boundary."""
    central = unit_root()
    lam_dong = unit_child(central, "T68", "Tỉnh Đoàn Lâm Đồng", is_mountain=True)
    ha_noi = unit_child(central, "T01", "Thành Đoàn Hà Nội")
    commune = unit_child(lam_dong, "X24000", "Đoàn xã Quảng Khê")
    commune_hn = unit_child(ha_noi, "X00070", "Đoàn phường Hoàn Kiếm")
    for unit in (central, lam_dong, ha_noi):
        unit.refresh_from_db()
    return {
        "central": central,
        "lam_dong": lam_dong,
        "ha_noi": ha_noi,
        "commune": commune,
        "commune_hn": commune_hn,
    }


@pytest.fixture
def organizer(tree):
    user = UserFactory(email="tochuc.lamdong@example.vn")
    grant(user, Role.ORGANIZER, tree["lam_dong"])
    return user


@pytest.fixture
def other_organizer(tree):
    user = UserFactory(email="tochuc.hanoi@example.vn")
    grant(user, Role.ORGANIZER, tree["ha_noi"])
    return user


@pytest.fixture
def viewer(tree):
    user = UserFactory(email="theodoi@example.vn")
    grant(user, Role.PROGRAMME_VIEWER, tree["lam_dong"])
    return user


@pytest.fixture
def cadre_ld(tree):
    return CadreFactory(unit=tree["commune"], full_name="Nguyễn Thị Hoa")


@pytest.fixture
def cadre_hn(tree):
    return CadreFactory(unit=tree["commune_hn"], full_name="Trần Văn Nam")


@pytest.fixture
def fresh_cache():
    """An empty cache: allauth counts failed logins there."""
    cache.clear()
    yield
    cache.clear()
