from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Count, Q

from organizations.models import Cadre, Organisation, OrgUnit, Post, Role, RoleAssignment
from organizations.selectors import cadres_for_user
from organizations.services.accounts import AUTHORS_GROUP
from organizations.text import fold

pytestmark = pytest.mark.django_db

PASSWORD = "SucTre@2025"
ROLE_ACCOUNTS = [
    ("tochuc.lamdong@suctre.vn", Role.ORGANIZER, "T68"),
    ("tochuc.hanoi@suctre.vn", Role.ORGANIZER, "T01"),
    ("theodoi.lamdong@suctre.vn", Role.PROGRAMME_VIEWER, "T68"),
    ("theodoi.trunguong@suctre.vn", Role.PROGRAMME_VIEWER, "TW"),
    ("giangvien@suctre.vn", Role.MASTER_TRAINER, "TW"),
]


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    """Everything the command writes, as comparable values."""
    User = get_user_model()
    return {
        "units": list(OrgUnit.objects.order_by("code").values_list("code", "path", "numchild")),
        "cadres": list(
            Cadre.objects.order_by("code").values_list(
                "code",
                "full_name",
                "gender",
                "ethnicity",
                "date_of_birth",
                "national_id",
                "phone",
                "email",
                "unit__code",
                "user__email",
                "updated_at",
            )
        ),
        "posts": list(
            Post.objects.order_by("id").values_list(
                "cadre__code", "unit__code", "organisation", "title", "kind", "is_primary"
            )
        ),
        "users": list(
            User.objects.order_by("email").values_list("email", "password", "is_superuser")
        ),
        "emails": list(
            EmailAddress.objects.order_by("email").values_list("email", "verified", "primary")
        ),
        "roles": list(
            RoleAssignment.objects.order_by("id").values_list("user__email", "role", "unit__code")
        ),
        "groups": list(
            User.groups.through.objects.order_by("id").values_list("user_id", "group_id")
        ),
    }


def test_second_run_changes_nothing():
    seed()
    before = snapshot()

    output = seed()

    assert snapshot() == before
    assert "tạo mới 0 (tổng 400)" in output


def test_seed_builds_people_posts_and_one_account_per_role():
    output = seed()

    User = get_user_model()
    demo = Cadre.objects.filter(code__startswith="DEMO")
    assert demo.count() >= 300
    assert PASSWORD in output

    # Every cadre holds exactly one open primary post; one or two hold a second, Hội post.
    open_primary = Count("posts", filter=Q(posts__is_primary=True, posts__end_date__isnull=True))
    assert set(demo.annotate(n=open_primary).values_list("n", flat=True)) == {1}
    seconds = Post.objects.filter(cadre__in=demo, is_primary=False, end_date__isnull=True)
    assert 1 <= seconds.count() <= 2
    assert set(seconds.values_list("organisation", flat=True)) == {Organisation.HOI_LHTN}

    # Lâm Đồng is a priority-area province and has demo cadres at the province and communes.
    lam_dong = OrgUnit.objects.get(code="T68")
    assert lam_dong.is_priority_area
    in_lam_dong = demo.filter(unit__path__startswith=lam_dong.path)
    assert in_lam_dong.filter(unit=lam_dong).exists()
    assert in_lam_dong.exclude(unit=lam_dong).values("unit").distinct().count() >= 5
    assert in_lam_dong.exclude(ethnicity="kinh").exists()
    for code in ("T01", "T12", "T56"):
        province = OrgUnit.objects.get(code=code)
        assert demo.filter(unit__path__startswith=province.path).exists(), code

    admin = User.objects.get(email="admin@suctre.vn")
    assert admin.is_superuser and admin.check_password(PASSWORD)
    for email, role, unit_code in ROLE_ACCOUNTS:
        user = User.objects.get(email=email)
        assert user.check_password(PASSWORD)
        assert EmailAddress.objects.filter(user=user, email=email, verified=True, primary=True)
        assert list(user.role_assignments.values_list("role", "unit__code")) == [(role, unit_code)]
    trainer = User.objects.get(email="giangvien@suctre.vn")
    assert trainer.groups.filter(name=AUTHORS_GROUP).exists()
    assert Group.objects.get(name=AUTHORS_GROUP).permissions.filter(codename="access_admin")

    learner = User.objects.get(email="hocvien@suctre.vn")
    assert learner.check_password(PASSWORD)
    assert EmailAddress.objects.filter(user=learner, verified=True, primary=True).exists()
    assert learner.cadre.code.startswith("DEMO")
    assert learner.cadre.unit.is_within(lam_dong)
    assert not learner.role_assignments.exists()

    # Rows written in bulk are still found by the (diacritic-insensitive) cadre search.
    assert not demo.filter(search_name="").exists()
    organizer = User.objects.get(email="tochuc.lamdong@suctre.vn")
    found = cadres_for_user(organizer, query=fold(learner.cadre.full_name))
    assert learner.cadre in found


def test_rerun_restores_a_changed_demo_password_and_keeps_edits_to_cadres():
    seed()
    User = get_user_model()
    organizer = User.objects.get(email="tochuc.lamdong@suctre.vn")
    organizer.set_password("mat-khau-khac-2025")
    organizer.save()
    Cadre.objects.filter(code="DEMO0001").update(phone="0912000111")

    seed()

    organizer.refresh_from_db()
    assert organizer.check_password(PASSWORD)
    assert Cadre.objects.get(code="DEMO0001").phone == "0912000111"
