import os
from pathlib import Path

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
def learner(cadre_ld):
    """The account of `cadre_ld`, a learner in Lâm Đồng."""
    cadre_ld.user = UserFactory(email="hoa@example.vn")
    cadre_ld.save()
    return cadre_ld.user


@pytest.fixture
def learner_hn(cadre_hn):
    """The account of `cadre_hn`, a learner in Hà Nội."""
    cadre_hn.user = UserFactory(email="nam@example.vn")
    cadre_hn.save()
    return cadre_hn.user


@pytest.fixture(autouse=True)
def _postgres_tests_need_postgresql(request):
    """A test marked `postgres` proves something only PostgreSQL can (row locks, real
    concurrency): on another database it fails loudly instead of passing vacuously."""
    if request.node.get_closest_marker("postgres") is None:
        return
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL: set DATABASE_URL (see .ci/run).")


@pytest.fixture
def fresh_cache():
    """An empty cache: allauth counts failed logins there."""
    cache.clear()
    yield
    cache.clear()


CHROMIUM = Path("/usr/bin/chromium")

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's Chromium (/usr/bin/chromium) is not installed: apt-get install chromium",
)


@pytest.fixture
def phone():
    """A 360-px phone browser context in Debian's Chromium, driven by Playwright."""
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; Django must still allow the
    # test's own ORM calls.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=str(CHROMIUM),
                args=[
                    "--no-sandbox",
                    "--headless",
                    "--disable-gpu",
                    "--disable-background-networking",
                ],
            )
            context = browser.new_context(
                viewport={"width": 360, "height": 740},
                locale="vi-VN",
                is_mobile=True,
                accept_downloads=True,
            )
            context.set_default_timeout(15_000)
            yield context
            context.close()
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def pytest_collection_modifyitems(items):
    """Tests that commit (transactional ones and the live server) end by emptying the
    database, which would drop what the data migrations made (the home page, the handbook
    and course indexes, the authors' group) for the tests after them. Serialized rollback
    puts it back, and only works when every committing test uses it."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        commits = "live_server" in getattr(item, "fixturenames", ()) or (
            marker is not None and marker.kwargs.get("transaction")
        )
        if commits:
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False
            )
