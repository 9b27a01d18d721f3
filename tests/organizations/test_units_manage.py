"""Organizers correct their units' data and add units (schools, branches) under them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from organizations import services
from organizations.models import Level, OrgUnit

pytestmark = pytest.mark.django_db


def test_update_corrects_priority_flags_and_name(tree, organizer):
    services.org_unit_update(
        actor=organizer, unit=tree["commune"], name="Đoàn xã Quảng Khê mới", is_border=True
    )
    unit = OrgUnit.objects.get(code="X24000")
    assert unit.is_border
    assert unit.name == "Đoàn xã Quảng Khê mới"


def test_create_child_unit_inherits_flags_and_is_idempotent(tree, organizer):
    kwargs = {"code": "ld-thpt-1", "name": "Đoàn trường THPT Bảo Lộc", "level": Level.GRASSROOTS}
    first = services.org_unit_create(actor=organizer, parent=tree["lam_dong"], **kwargs)
    again = services.org_unit_create(actor=organizer, parent=tree["lam_dong"], **kwargs)
    assert first.pk == again.pk
    assert first.code == "LD-THPT-1"
    assert first.is_mountain
    assert first.get_parent() == tree["lam_dong"]
    assert OrgUnit.objects.filter(code="LD-THPT-1").count() == 1


def test_create_refuses_level_not_below_parent(tree, organizer):
    with pytest.raises(ValidationError) as info:
        services.org_unit_create(
            actor=organizer, parent=tree["lam_dong"], code="X1", name="Sai", level=Level.PROVINCE
        )
    assert "cấp thấp hơn" in info.value.message_dict["level"][0]
    assert not OrgUnit.objects.filter(code="X1").exists()


def test_create_refuses_taken_code_and_bad_code(tree, organizer):
    with pytest.raises(ValidationError) as taken:
        services.org_unit_create(
            actor=organizer, parent=tree["lam_dong"], code="T01", name="Trùng", level="grassroots"
        )
    with pytest.raises(ValidationError) as bad:
        services.org_unit_create(
            actor=organizer, parent=tree["lam_dong"], code="mã có dấu!", name="X", level="branch"
        )
    assert "đã được dùng" in taken.value.message_dict["code"][0]
    assert "chữ cái không dấu" in bad.value.message_dict["code"][0]
    assert OrgUnit.objects.count() == 5


def test_organizer_cannot_touch_units_of_another_province(tree, organizer):
    with pytest.raises(PermissionDenied):
        services.org_unit_update(actor=organizer, unit=tree["ha_noi"], is_island=True)
    with pytest.raises(PermissionDenied):
        services.org_unit_create(
            actor=organizer, parent=tree["ha_noi"], code="HN-X", name="X", level="grassroots"
        )
    assert not OrgUnit.objects.get(code="T01").is_island
    assert not OrgUnit.objects.filter(code="HN-X").exists()


def test_unit_views_of_another_province_are_404(client, tree, organizer):
    client.force_login(organizer)
    assert client.get(reverse("unit_edit", args=["T01"])).status_code == 404
    assert client.post(reverse("unit_edit", args=["T01"]), {"name": "X"}).status_code == 404
    assert client.get(reverse("unit_add_child", args=["T01"])).status_code == 404
    assert OrgUnit.objects.get(code="T01").name == "Thành Đoàn Hà Nội"


def test_organizer_adds_branch_through_form(client, tree, organizer):
    client.force_login(organizer)
    response = client.post(
        reverse("unit_add_child", args=["X24000"]),
        {
            "code": "X24000-CD1",
            "name": "Chi đoàn thôn 1",
            "level": "branch",
            "organisation": "doan",
        },
    )
    assert response.status_code == 302
    branch = OrgUnit.objects.get(code="X24000-CD1")
    assert branch.get_parent() == tree["commune"]
    assert branch.level == Level.BRANCH


def test_unit_edit_form_shows_vietnamese_error_for_empty_name(client, tree, organizer):
    client.force_login(organizer)
    response = client.post(reverse("unit_edit", args=["X24000"]), {"name": "  "})
    assert response.status_code == 200
    assert "bắt buộc" in response.context["form"].errors["name"][0]
    assert OrgUnit.objects.get(code="X24000").name == "Đoàn xã Quảng Khê"


def test_role_granted_in_django_admin_goes_through_service(client, tree):
    from django.contrib.auth.models import Group

    from organizations.models import Role
    from organizations.services.accounts import AUTHORS_GROUP
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    author = UserFactory()
    client.force_login(admin)
    response = client.post(
        reverse("admin:organizations_roleassignment_add"),
        {"user": author.pk, "role": Role.MASTER_TRAINER, "unit": tree["central"].pk},
    )
    assert response.status_code == 302
    assert author.role_assignments.get().granted_by == admin
    assert Group.objects.get(name=AUTHORS_GROUP) in author.groups.all()


def test_master_trainer_reaches_wagtail_admin_and_learner_does_not(client, tree):
    from organizations import services as org_services
    from organizations.models import Role
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    author, learner = UserFactory(), UserFactory()
    org_services.role_assign(
        actor=admin, user=author, role=Role.MASTER_TRAINER, unit=tree["central"]
    )
    client.force_login(author)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    client.force_login(learner)
    assert client.get(reverse("wagtailadmin_home")).status_code == 302
