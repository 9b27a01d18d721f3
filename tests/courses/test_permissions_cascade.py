"""Who may open a cascade, and whose names a cascade may show them."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.courses.cascade_view_helpers import (
    HN_TRAINEES,
    HUNG,
    LAN_ANH,
    MASTER,
    MY_LINH,
    SON,
    build_cascade,
)
from tests.factories import UserFactory


@pytest.fixture
def cascade(tree):
    return build_cascade(tree)


@pytest.fixture
def master_account(cascade):
    """The master trainer's own account: no role, only their own cascade."""
    cascade.master.user = UserFactory(email="khai.nguyen@example.vn")
    cascade.master.save()
    return cascade.master.user


def _status(client, user, name, *args) -> int:
    client.force_login(user)
    return client.get(reverse(name, args=args)).status_code


def _html(client, user, name, *args) -> str:
    client.force_login(user)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def _workbook_text(client, user, name, *args) -> str:
    client.force_login(user)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    return "\n".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def _trainer_pages(cascade) -> list[tuple]:
    code = cascade.master.code
    return [
        ("cascade_trainer", code),
        ("cascade_generation", code, 2),
        ("cascade_trainer_xlsx", code),
    ]


# --- Opening the pages --------------------------------------------------------------------


def test_ha_noi_organizer_cannot_open_a_lam_dong_trainer_or_unit(client, other_organizer, cascade):
    for page in _trainer_pages(cascade):
        assert _status(client, other_organizer, *page) == 404, page
    for name in ("cascade_unit", "cascade_unit_xlsx"):
        assert _status(client, other_organizer, name, "T68") == 404
    assert _status(client, other_organizer, "cascade_unit_generation", "T68", 1) == 404


def test_ha_noi_organizer_opens_their_own_trainer_and_unit(client, other_organizer, cascade):
    assert _status(client, other_organizer, "cascade_trainer", cascade.hung.code) == 200
    html = _html(client, other_organizer, "cascade_unit", "T01")
    assert HUNG in html
    for name in (MASTER, LAN_ANH):
        assert name not in html


def test_programme_viewer_of_lam_dong_opens_the_lam_dong_cascade(client, viewer, cascade):
    for page in _trainer_pages(cascade):
        assert _status(client, viewer, *page) == 200, page
    for name in ("cascade_unit", "cascade_unit_xlsx"):
        assert _status(client, viewer, name, "T68") == 200
    assert _status(client, viewer, "cascade_unit", "T01") == 404
    assert _status(client, viewer, "cascade_trainer", cascade.hung.code) == 404


def test_a_trainer_opens_their_own_cascade_and_no_one_elses(client, master_account, cascade):
    for page in _trainer_pages(cascade):
        assert _status(client, master_account, *page) == 200, page
    assert _status(client, master_account, "cascade_trainer", cascade.lan_anh.code) == 404
    assert _status(client, master_account, "cascade_unit", "T68") == 404


def test_pages_ask_for_a_login_first(client, cascade):
    response = client.get(reverse("cascade_trainer", args=[cascade.master.code]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


# --- Names outside the viewer's scope -------------------------------------------------------


def test_lam_dong_organizer_never_sees_ha_noi_names(client, organizer, cascade):
    hidden = (HUNG, *HN_TRAINEES)
    code = cascade.master.code
    pages = [
        _html(client, organizer, "cascade_trainer", code),
        _html(client, organizer, "cascade_generation", code, 2),
        _html(client, organizer, "cascade_unit", "T68"),
        _html(client, organizer, "cascade_unit_generation", "T68", 2),
    ]
    for html in pages:
        assert "Tập huấn viên — Đoàn phường Hoàn Kiếm" in html
        for name in hidden:
            assert name not in html
    for name, arg in (("cascade_trainer_xlsx", code), ("cascade_unit_xlsx", "T68")):
        text = _workbook_text(client, organizer, name, arg)
        assert "Tập huấn viên — Đoàn phường Hoàn Kiếm" in text
        assert LAN_ANH in text
        for person in hidden:
            assert person not in text


def test_a_trainer_without_a_role_sees_only_their_own_name(client, master_account, cascade):
    code = cascade.master.code
    others = (LAN_ANH, HUNG, MY_LINH, SON, *HN_TRAINEES)
    pages = [
        _html(client, master_account, "cascade_trainer", code),
        _html(client, master_account, "cascade_generation", code, 2),
        _html(client, master_account, "cascade_generation", code, 3),
    ]
    for html in pages:
        assert MASTER in html
        assert "Tập huấn viên — Đoàn xã Quảng Khê" in html
        for name in others:
            assert name not in html
    text = _workbook_text(client, master_account, "cascade_trainer_xlsx", code)
    assert MASTER in text
    for name in others:
        assert name not in text


def test_hidden_trainers_are_not_linked(client, master_account, cascade):
    html = _html(client, master_account, "cascade_trainer", cascade.master.code)
    for cadre in (cascade.lan_anh, cascade.hung, cascade.my_linh, cascade.son):
        assert reverse("cascade_trainer", args=[cadre.code]) not in html


# --- The class page's trainer links ------------------------------------------------------


def test_class_page_links_trainers_whose_cascade_the_viewer_may_open(
    client, organizer, tree, cascade
):
    shared = cascade.builder.klass(
        [cascade.lan_anh, cascade.hung], cascade.builder.people(1), start=70
    )
    html = _html(client, organizer, "class_detail", shared.pk)
    assert f'href="{reverse("cascade_trainer", args=[cascade.lan_anh.code])}"' in html
    assert reverse("cascade_trainer", args=[cascade.hung.code]) not in html
    assert HUNG in html  # the roster still names the class's own trainer
