"""The permission helper, and every view and service, across unit boundaries."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from organizations import selectors, services
from organizations.models import Cadre, Role
from organizations.permissions import Action, can, require, root_paths, units_in_scope
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def test_organizer_may_act_on_own_subtree_only(tree, organizer):
    assert can(organizer, Action.MANAGE_CADRES, tree["lam_dong"])
    assert can(organizer, Action.MANAGE_CADRES, tree["commune"])
    assert not can(organizer, Action.MANAGE_CADRES, tree["central"])
    assert not can(organizer, Action.MANAGE_CADRES, tree["ha_noi"])
    assert not can(organizer, Action.MANAGE_CADRES, tree["commune_hn"])


def test_viewer_reads_indicators_but_cannot_manage_cadres(tree, viewer):
    assert can(viewer, Action.VIEW_INDICATORS, tree["commune"])
    assert not can(viewer, Action.MANAGE_CADRES, tree["commune"])
    assert not can(viewer, Action.VIEW_INDICATORS, tree["ha_noi"])


def test_user_without_roles_may_do_nothing(tree):
    nobody = UserFactory()
    assert not can(nobody, Action.VIEW_CADRES, tree["commune"])
    assert units_in_scope(nobody, Action.VIEW_CADRES).count() == 0


def test_superuser_may_do_everything(tree):
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert can(admin, Action.MANAGE_CADRES, tree["commune_hn"])
    assert units_in_scope(admin, Action.VIEW_CADRES).count() == 5


def test_nested_roles_collapse_to_the_topmost_unit(tree, organizer):
    grant(organizer, Role.ORGANIZER, tree["commune"])
    organizer._suctre_role_paths = None
    assert root_paths(organizer, Action.MANAGE_CADRES) == [tree["lam_dong"].path]


def test_unit_with_similar_path_prefix_is_not_in_scope(tree, organizer):
    """Paths are fixed-width steps, so a sibling never shares the subtree's prefix."""
    assert not tree["ha_noi"].path.startswith(tree["lam_dong"].path)
    assert set(units_in_scope(organizer, Action.MANAGE_CADRES)) == {
        tree["lam_dong"],
        tree["commune"],
    }


def test_require_raises_permission_denied_with_vietnamese_message(tree, organizer):
    with pytest.raises(PermissionDenied, match="không có quyền"):
        require(organizer, Action.MANAGE_CADRES, tree["ha_noi"])


def test_cadre_lists_never_show_another_province(tree, organizer, cadre_ld, cadre_hn):
    visible = selectors.cadres_for_user(organizer)
    assert list(visible) == [cadre_ld]
    assert selectors.cadre_get_for_user(organizer, cadre_hn.pk) is None


class TestViewsAcrossProvinces:
    """An organizer of Lâm Đồng gets 404 for every page about Hà Nội, and changes nothing."""

    def test_unit_page_of_other_province_is_404(self, client, tree, organizer):
        client.force_login(organizer)
        response = client.get(reverse("unit_detail", args=["T01"]))
        assert response.status_code == 404
        assert "Không tìm thấy trang" in response.content.decode()
        assert client.get(reverse("unit_detail", args=["X00070"])).status_code == 404
        assert client.get(reverse("unit_detail", args=["TW"])).status_code == 404

    def test_cadre_create_in_other_province_is_404(self, client, tree, organizer):
        client.force_login(organizer)
        url = reverse("cadre_create", args=["T01"])
        assert client.get(url).status_code == 404
        response = client.post(url, {"full_name": "Kẻ Lạ", "gender": "male", "unit": "T01"})
        assert response.status_code == 404
        assert not Cadre.objects.filter(full_name="Kẻ Lạ").exists()

    def test_cadre_edit_of_other_province_is_404(self, client, tree, organizer, cadre_hn):
        client.force_login(organizer)
        url = reverse("cadre_edit", args=[cadre_hn.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"full_name": "Đổi Tên"}).status_code == 404
        cadre_hn.refresh_from_db()
        assert cadre_hn.full_name == "Trần Văn Nam"

    def test_invite_of_other_province_is_404(self, client, tree, organizer, cadre_hn):
        client.force_login(organizer)
        response = client.post(reverse("cadre_invite", args=[cadre_hn.pk]), {"email": "x@y.vn"})
        assert response.status_code == 404
        assert not cadre_hn.invitations.exists()

    def test_moving_own_cadre_into_other_province_is_refused(
        self, client, tree, organizer, cadre_ld
    ):
        client.force_login(organizer)
        data = {
            "full_name": cadre_ld.full_name,
            "gender": "female",
            "ethnicity": "kinh",
            "unit": "X00070",
            "title": "Bí thư",
            "kind": "dedicated",
        }
        response = client.post(reverse("cadre_edit", args=[cadre_ld.pk]), data)
        assert response.status_code == 200
        assert "X00070" in response.content.decode()
        cadre_ld.refresh_from_db()
        assert cadre_ld.unit == tree["commune"]

    def test_search_never_leaks_other_province(self, client, tree, organizer, cadre_hn):
        client.force_login(organizer)
        response = client.get(reverse("unit_detail", args=["T68"]), {"q": "Trần Văn Nam"})
        assert response.status_code == 200
        assert response.context["cadres_page"].paginator.count == 0
        assert cadre_hn.code not in response.content.decode()

    def test_viewer_cannot_open_cadre_pages(self, client, tree, viewer, cadre_ld):
        client.force_login(viewer)
        assert client.get(reverse("cadre_edit", args=[cadre_ld.pk])).status_code == 404
        assert client.get(reverse("unit_detail", args=["T68"])).status_code == 404

    def test_overview_of_other_province_is_404(self, client, tree, viewer):
        client.force_login(viewer)
        assert client.get(reverse("scope_overview"), {"unit": "T01"}).status_code == 404


class TestServicesAcrossProvinces:
    def test_cadre_create_in_other_province_is_denied(self, tree, organizer):
        with pytest.raises(PermissionDenied):
            services.cadre_create(
                actor=organizer,
                unit=tree["ha_noi"],
                full_name="Kẻ Lạ",
                gender="male",
                title="Bí thư",
                kind="dedicated",
            )
        assert not Cadre.objects.filter(full_name="Kẻ Lạ").exists()

    def test_cadre_update_in_other_province_is_denied(self, tree, organizer, cadre_hn):
        with pytest.raises(PermissionDenied):
            services.cadre_update(actor=organizer, cadre=cadre_hn, full_name="Đổi Tên")
        cadre_hn.refresh_from_db()
        assert cadre_hn.full_name == "Trần Văn Nam"

    def test_invitation_in_other_province_is_denied(self, tree, organizer, cadre_hn):
        with pytest.raises(PermissionDenied):
            services.invitation_send(actor=organizer, cadre=cadre_hn, email="nam@example.vn")
        assert not cadre_hn.invitations.exists()

    def test_role_grant_in_other_province_is_denied(self, tree, organizer):
        someone = UserFactory()
        with pytest.raises(PermissionDenied):
            services.role_assign(
                actor=organizer, user=someone, role=Role.ORGANIZER, unit=tree["ha_noi"]
            )
        assert not someone.role_assignments.exists()

    def test_post_in_other_province_is_denied(self, tree, organizer, cadre_ld):
        with pytest.raises(PermissionDenied):
            services.post_add(
                actor=organizer,
                cadre=cadre_ld,
                unit=tree["commune_hn"],
                title="Ủy viên",
                kind="part_time",
            )
        assert cadre_ld.posts.count() == 1
